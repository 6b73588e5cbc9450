import { checkpointHeads, checkpointKeyId, checkpointSignatureOk, headsDigest, latestCheckpoint, type StreamHead } from './auditCheckpoint.js';
import { GENESIS_HASH, auditHash } from './auditLog.js';
import type { Db, Tx } from './database.js';

/**
 * Why a chain does not hold: an event's own hash (an edit), its link to the one before (a deletion,
 * or an edited predecessor), its seq, a recorded head (anchor) or checkpoint head the stream no
 * longer reaches (a cut tail or a deleted stream), or the checkpoint itself (its heads or signature).
 */
export type ChainProblem = 'hash' | 'link' | 'seq' | 'anchor' | 'tail_missing' | 'stream_missing' | 'checkpoint_heads' | 'checkpoint_signature';

/** The first event where the chain does not hold: what the walk expected there and what the table holds. */
export interface ChainBreak {
  /** The event's id; for what is gone, `<stream>#<seq>` (or the anchor's id), for a checkpoint `checkpoint:<id>`. */
  id: string;
  /** Null when the event itself is gone (a recorded head that no longer exists). */
  at: Date | null;
  type: string | null;
  expected: string;
  found: string | null;
  stream: string | null;
  problem: ChainProblem;
}

export interface CheckpointCheck {
  id: string;
  at: Date;
  streams: number;
  events: string;
  /** False when no key was given to check the signature with (the app always gives it). */
  signatureChecked: boolean;
}

export interface ChainVerification {
  ok: boolean;
  /** Events that verified (all of them when ok); a broken stream counts up to its break. */
  checked: number;
  /** The earliest break (lowest event id; then what is missing); others may follow it. */
  firstBroken: ChainBreak | null;
  /** Streams with a break. */
  brokenStreams: number;
  /** The newest event verified: keep its id and hash somewhere else to detect a later cut. */
  head: { id: string; at: Date; hash: string } | null;
  streams: number;
  /** The newest checkpoint, against which cut tails and deleted streams were checked. */
  checkpoint: CheckpointCheck | null;
}

interface Row {
  id: bigint;
  at: Date;
  type: string;
  actor: string;
  conversationId: string | null;
  debtorId: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
  stream: string;
  seq: bigint;
}

/**
 * Walks every stream in seq order, a batch at a time (the trail may hold millions of rows). An
 * edited row fails its own hash; a deleted row breaks the link of the one after it (its prevHash
 * names a hash that is not there). A stream cut at its end stays consistent on its own: the newest
 * signed checkpoint names each stream's head then, which must still be there with that hash
 * (events after the checkpoint are covered by the next one). An `anchor` (a head recorded earlier:
 * the verify endpoint and the evidence files print it) must still be there with the same hash.
 */
export async function verifyAuditChain(db: Db | Tx, opts: { anchor?: { id: string; hash: string }; batchSize?: number; checkpointKey?: string } = {}): Promise<ChainVerification> {
  const batch = opts.batchSize ?? 1000;
  const anchorId = opts.anchor ? BigInt(opts.anchor.id) : undefined;
  const breaks: ChainBreak[] = [];
  const brokenAt = new Map<string, bigint>(); // stream → id of its break, for ordering
  let checked = 0;
  let streams = 0;
  let head: ChainVerification['head'] = null;
  let anchorSeen = false;

  // Read before the walk: events only grow after it, so every head it names must be found.
  const cp = await latestCheckpoint(db);
  let cpHeads = new Map<string, StreamHead>();
  let checkpoint: CheckpointCheck | null = null;
  if (cp) {
    checkpoint = { id: cp.id.toString(), at: cp.at, streams: cp.streams, events: cp.events.toString(), signatureChecked: opts.checkpointKey !== undefined };
    cpHeads = await checkpointHeads(db, cp.id);
    const cpId = `checkpoint:${cp.id}`;
    const digest = headsDigest(cpHeads);
    if (opts.checkpointKey !== undefined && !checkpointSignatureOk(opts.checkpointKey, cp)) {
      const ours = checkpointKeyId(opts.checkpointKey);
      const expected = cp.keyId === ours ? `a signature of this checkpoint under key ${ours}` : `a checkpoint signed with key ${ours}`;
      breaks.push({ id: cpId, at: cp.at, type: null, expected, found: cp.keyId === ours ? cp.signature : `key ${cp.keyId}`, stream: null, problem: 'checkpoint_signature' });
    } else if (digest !== cp.digest) {
      breaks.push({ id: cpId, at: cp.at, type: null, expected: cp.digest, found: digest, stream: null, problem: 'checkpoint_heads' });
    }
  }
  // The checkpoint's heads as the walk reaches them.
  const reached = new Set<string>();

  let stream: string | null = null;
  let prevHash = GENESIS_HASH;
  let seq = 0n;
  let broken = false;
  const breakAt = (r: Row, problem: ChainProblem, expected: string, found: string | null) => {
    breaks.push({ id: r.id.toString(), at: r.at, type: r.type, expected, found, stream: r.stream, problem });
    brokenAt.set(r.stream, r.id);
    broken = true;
  };
  let cursor: { stream: string; seq: bigint } | undefined;
  for (;;) {
    const rows: Row[] = await db.auditEvent.findMany({
      ...(cursor ? { cursor: { stream_seq: cursor }, skip: 1 } : {}),
      orderBy: [{ stream: 'asc' }, { seq: 'asc' }],
      take: batch,
    });
    for (const r of rows) {
      cursor = { stream: r.stream, seq: r.seq };
      if (r.stream !== stream) {
        stream = r.stream;
        prevHash = GENESIS_HASH;
        seq = 0n;
        broken = false;
        streams++;
      }
      if (broken) continue;
      // A row whose link is wrong is reported by its link (the hash it should point to), which
      // names the missing or altered predecessor; otherwise by its own hash.
      if (r.prevHash !== prevHash) {
        breakAt(r, 'link', prevHash, r.prevHash);
        continue;
      }
      const expected = auditHash(prevHash, r);
      if (r.hash !== expected) {
        breakAt(r, 'hash', expected, r.hash);
        continue;
      }
      if (r.seq !== seq + 1n) {
        breakAt(r, 'seq', String(seq + 1n), String(r.seq));
        continue;
      }
      const atCheckpoint = cpHeads.get(r.stream);
      if (atCheckpoint && atCheckpoint.seq === r.seq) {
        if (atCheckpoint.hash !== r.hash) {
          breakAt(r, 'tail_missing', atCheckpoint.hash, r.hash);
          continue;
        }
        reached.add(r.stream);
      }
      if (anchorId !== undefined && r.id === anchorId) {
        if (r.hash !== opts.anchor!.hash) {
          breakAt(r, 'anchor', opts.anchor!.hash, r.hash);
          continue;
        }
        anchorSeen = true;
      }
      prevHash = r.hash;
      seq = r.seq;
      if (!head || r.id > BigInt(head.id)) head = { id: r.id.toString(), at: r.at, hash: r.hash };
      checked++;
    }
    if (rows.length < batch) break;
  }

  // Streams the checkpoint names that no longer reach its head (and did not break before).
  const cut = new Set<string>();
  const missing: ChainBreak[] = [];
  for (const [s, h] of cpHeads) {
    if (reached.has(s) || brokenAt.has(s)) continue;
    cut.add(s);
    missing.push({ id: `${s}#${h.seq}`, at: null, type: null, expected: h.hash, found: null, stream: s, problem: (await db.auditEvent.count({ where: { stream: s } })) ? 'tail_missing' : 'stream_missing' });
  }
  if (opts.anchor && !anchorSeen && !breaks.some((b) => b.problem === 'anchor')) {
    missing.push({ id: opts.anchor.id, at: null, type: null, expected: opts.anchor.hash, found: null, stream: null, problem: 'anchor' });
  }
  // The earliest event break first, then what is gone; a bad checkpoint before all of them.
  const ordered = [
    ...breaks.filter((b) => b.problem.startsWith('checkpoint')),
    ...breaks.filter((b) => !b.problem.startsWith('checkpoint')).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)),
    ...missing,
  ];
  const firstBroken = ordered[0] ?? null;
  return { ok: !firstBroken, checked, firstBroken, brokenStreams: brokenAt.size + cut.size, head, streams, checkpoint };
}
