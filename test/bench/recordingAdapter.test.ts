import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { recordingFactory, type RecordingFactory } from '../../bench/recordingAdapter.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';

// The KPI bench's window on computeKpis: every statement, in a transaction or not, with the
// arguments it was bound with, replayable under EXPLAIN.
describe('recordingFactory', () => {
  let pglite: PGlite;
  let recorder: RecordingFactory;
  let prisma: PrismaClient;
  beforeAll(async () => {
    pglite = new PGlite();
    recorder = recordingFactory(new PrismaPGlite(pglite));
    prisma = new PrismaClient({ adapter: recorder.factory });
  });
  afterAll(async () => {
    await recorder.close();
    await prisma.$disconnect();
    await pglite.close();
  });

  it('records statements with their arguments, inside transactions too, and takes them once', async () => {
    await prisma.$queryRaw`SELECT ${41}::int + 1 AS "n"`;
    await prisma.$transaction(async (tx) => tx.$executeRawUnsafe('SELECT $1::text', 'in a transaction'));
    const taken = recorder.take();
    expect(taken.map((s) => s.query.sql)).toEqual(expect.arrayContaining([expect.stringContaining('+ 1 AS "n"'), 'SELECT $1::text']));
    expect(taken.find((s) => s.query.sql === 'SELECT $1::text')?.query.args).toEqual(['in a transaction']);
    expect(taken.every((s) => s.ms >= 0)).toBe(true);
    expect(recorder.take()).toEqual([]);
  });

  it('replays a recorded statement under EXPLAIN ANALYZE with the same arguments', async () => {
    await prisma.$queryRaw`SELECT g FROM generate_series(1, ${10}::int) g WHERE g > ${5}::int`;
    const [statement] = recorder.take();
    const plan = await recorder.explain(statement!.query);
    expect(plan.join('\n')).toMatch(/Function Scan on generate_series[\s\S]*actual[\s\S]*rows=5[\s\S]*Execution Time/);
  });
});
