import { LIMITS, attemptsLeft, maskAddress, maskCnpj, recordFailure, type ThrottleKind, type ThrottleState } from '../domain/identity.js';
import { sameInvoiceNumber } from '../domain/invoiceNumber.js';

// The identity check both TurnUnits run (src/storage/prismaTurnUnit.ts, src/storage/memory/memoryTurnUnit.ts):
// the rules are one, only where the counters and invoices are kept differs.

/** One failure counter (a CNPJ's or a client address's) as stored. */
export interface ThrottleRow extends ThrottleState {
  id: string;
  kind: ThrottleKind;
  key: string;
}

/** How a counter appears in audit data: its row id to correlate, and a mask instead of the value. */
export function throttleRef(row: Pick<ThrottleRow, 'id' | 'kind' | 'key'>): Record<string, string> {
  return { throttleId: row.id, kind: row.kind, masked: row.kind === 'cnpj' ? maskCnpj(row.key) : maskAddress(row.key) };
}

/** The latest end among the locks in force (the debtor may try again only after every one). */
export function lockEnd(rows: { lockedUntil: Date | null }[], now: Date): string {
  const ends = rows.flatMap((r) => (r.lockedUntil && r.lockedUntil > now ? [r.lockedUntil.getTime()] : []));
  return new Date(Math.max(...ends)).toISOString();
}

const plain = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** Whether a second-factor candidate is one of the debtor's invoice numbers or its access code. */
export function factorMatcher(debtor: { invoiceNumbers: string[]; accessCode: string | null } | null): (factor: string) => boolean {
  const code = debtor?.accessCode ? plain(debtor.accessCode) : '';
  return (f) => !!debtor && (debtor.invoiceNumbers.some((n) => sameInvoiceNumber(f, n)) || (!!code && plain(f) === code));
}

/**
 * Tests the candidates in order, one attempt each, while both counters have attempts left; a miss
 * is a failure on both (whether the CNPJ exists is not revealed: the same failure either way).
 * Updates the counters in place and reports each failure and lock through `audit`. True on a match.
 */
export function testFactors(
  byCnpj: ThrottleRow,
  byAddress: ThrottleRow,
  factors: string[],
  matches: (factor: string) => boolean,
  now: Date,
  audit: (type: string, data: Record<string, unknown>) => void,
): boolean {
  const refs = () => ({ cnpj: throttleRef(byCnpj), address: throttleRef(byAddress) });
  let tested = 0;
  for (const f of factors) {
    if (Math.min(attemptsLeft(byCnpj, now, LIMITS.cnpj), attemptsLeft(byAddress, now, LIMITS.address)) <= 0) break;
    tested++;
    if (matches(f)) return true;
    const c = recordFailure(byCnpj, now, LIMITS.cnpj);
    const a = recordFailure(byAddress, now, LIMITS.address);
    Object.assign(byCnpj, c.state);
    Object.assign(byAddress, a.state);
    audit('identity.failed', { ...refs(), attempt: tested, candidates: factors.length, failures: byCnpj.failures, addressFailures: byAddress.failures, locked: c.lockedNow || a.lockedNow });
    for (const [row, locked] of [[byCnpj, c.lockedNow], [byAddress, a.lockedNow]] as const) {
      if (locked) audit('identity.locked', { ...throttleRef(row), lockedUntil: row.lockedUntil!.toISOString(), lockouts: row.lockouts });
    }
  }
  return false;
}

/**
 * Whether the first candidate is right while neither counter is locked or spent: testFactors
 * would then pass at once, recording no failure and changing no counter. The address's counter
 * may be read without its lock for this (the CNPJ's stays locked): every session from one
 * address (an office, a carrier's NAT) shares that row, and holding it to the end of each
 * verifying turn made their turns queue behind each other (the bench's identity turns: p50 348 ms,
 * max 1.4 s at 12 sessions). Failures still take the lock and are counted exactly; at most a right
 * answer arriving while another session's lockout commits gets through.
 */
export function firstTryPasses(byCnpj: ThrottleState, byAddress: ThrottleState, factors: string[], matches: (factor: string) => boolean, now: Date): boolean {
  const first = factors[0];
  return first !== undefined && attemptsLeft(byCnpj, now, LIMITS.cnpj) > 0 && attemptsLeft(byAddress, now, LIMITS.address) > 0 && matches(first);
}

/**
 * The candidate a signed e-mail link stands for (the session's `linkedDebtorId`). It holds a NUL,
 * which nothing typed can (inbound text drops control characters).
 */
const LINK_FACTOR = '\u0000link';

/**
 * The candidates to test with the session's link as the first one, when it has a link: it is
 * the factor the person was asked for, and a CNPJ that is not the link's debtor counts as one
 * failure, like a wrong invoice number. `method` names the factor that passes, for the audit.
 */
export function withLinkFactor(
  debtorId: string | undefined,
  linkedDebtorId: string | null | undefined,
  factors: string[],
  matches: (factor: string) => boolean,
): { factors: string[]; matches: (factor: string) => boolean; method: 'cnpj_and_link' | 'cnpj_and_invoice' } {
  if (!linkedDebtorId) return { factors, matches, method: 'cnpj_and_invoice' };
  const linkMatches = debtorId !== undefined && debtorId === linkedDebtorId;
  return {
    factors: [LINK_FACTOR, ...factors],
    matches: (f) => (f === LINK_FACTOR ? linkMatches : matches(f)),
    method: linkMatches ? 'cnpj_and_link' : 'cnpj_and_invoice',
  };
}
