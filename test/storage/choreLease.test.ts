import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChoreLease } from '../../src/storage/choreLease.js';
import { DEFAULT_CREDITOR_ID, upsertCreditor } from '../../src/storage/creditorRepository.js';
import { DATABASES, notePostgresSkipped, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/choreLease');

describe.each(DATABASES)('chore leases ($kind)', ({ kind, enabled }) => {
  let conns: Awaited<ReturnType<typeof twoConnections>>;
  beforeAll(async () => {
    if (!enabled) return;
    conns = await twoConnections(kind);
    await upsertCreditor(conns.a.prisma, { id: DEFAULT_CREDITOR_ID, name: 'Credora Ltda', cnpj: '11222333000181', pixKey: 'pix@credora.com.br', pixMerchantName: 'Credora', pixCity: 'SAO PAULO' });
  }, 120_000);
  afterAll(async () => conns?.close());

  const NOW = new Date('2026-11-23T13:00:00Z');
  const at = (ms: number) => new Date(NOW.getTime() + ms);
  const opts = (holder: string, now: Date, everyMs?: number) => ({ creditorId: DEFAULT_CREDITOR_ID, name: `chore-${kind}`, holder, leaseMs: 30_000, now, everyMs });

  it.skipIf(!enabled)('two processes never run the same chore at once; the next tick runs it again', async () => {
    let running = 0;
    let most = 0;
    const chore = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
      return true;
    };
    const ran = await Promise.all([withChoreLease(conns.a.prisma, opts('A', NOW), chore), withChoreLease(conns.b.prisma, opts('B', NOW), chore)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(most).toBe(1);
    // Released when done: the other process runs it on its next tick.
    expect(await withChoreLease(conns.b.prisma, opts('B', at(1_000)), chore)).toBe(true);
  });

  it.skipIf(!enabled)('a holder that died is replaced once its lease lapses', async () => {
    const name = `dead-${kind}`;
    const hang = withChoreLease(conns.a.prisma, { ...opts('A', NOW), name }, () => new Promise<boolean>(() => {}));
    void hang;
    await new Promise((r) => setTimeout(r, 200));
    expect(await withChoreLease(conns.b.prisma, { ...opts('B', at(10_000)), name }, async () => true)).toBe(null);
    expect(await withChoreLease(conns.b.prisma, { ...opts('B', at(31_000)), name }, async () => true)).toBe(true);
  });

  it.skipIf(!enabled)('a paced chore runs once per period across processes', async () => {
    const name = `hourly-${kind}`;
    const run = (holder: 'A' | 'B', ms: number) => withChoreLease(holder === 'A' ? conns.a.prisma : conns.b.prisma, { ...opts(holder, at(ms), 3_600_000), name }, async () => true);
    expect(await run('A', 0)).toBe(true);
    expect(await run('B', 60_000)).toBe(null);
    expect(await run('B', 3_600_000)).toBe(true);
  });
});
