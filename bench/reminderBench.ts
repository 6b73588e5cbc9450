// The reminder pass (src/jobs/reminderPass.ts) over a large portfolio of active agreements, seeded
// with one INSERT … SELECT generate_series per table (not one call per row). Three passes on the
// same portfolio: the first of a day (marks the late ones, queues the day's reminders), a repeat
// a quarter of an hour later (nothing new: the steady cost of the indexed scans), and the first of
// the next day. Prints time per pass and the peak RSS sampled during it (PGlite runs inside this
// process, so its RSS includes the database's).
import type { ConversationWrites } from '../src/engine/conversationWrites.js';
import { runReminderPass, type ReminderPassResult } from '../src/jobs/reminderPass.js';
import { appendMessage } from '../src/storage/appendMessage.js';
import { appendMessages } from '../src/storage/appendMessages.js';
import { openDatabase, type Database, type Tx } from '../src/storage/database.js';
import { createScratchDatabase } from './scratchDatabase.js';

const CREDITOR = 'bench-creditor';
/** The bench's today (São Paulo): the pass is given noon of this day. */
const TODAY = '2027-03-10';
const INSTALMENTS = 3;

const writes: ConversationWrites<Tx> = {
  append: (tx, id, row) => appendMessage(tx, id, row),
  appendMany: (tx, rows) => appendMessages(tx, rows),
  close: () => Promise.reject(new Error('not used')),
};

/**
 * `agreements` active agreements of 3 monthly instalments of R$ 1.000,00; agreement g's first
 * falls due on TODAY + (g mod 90) days, so about 1/90 of them fall due each day: the first pass
 * queues the reminders of three days before and of the due day (about 4 %), and the next day's
 * also marks the previous day's late and sends their late notes with new PIX codes.
 */
async function seed(db: Database, agreements: number): Promise<void> {
  const p = db.prisma;
  await p.creditor.create({ data: { id: CREDITOR, name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'financeiro@exemplo.com.br', pixMerchantName: 'Distribuidora Exemplo', pixCity: 'SAO PAULO' } });
  const last = agreements - 1;
  await p.$executeRawUnsafe(
    `INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "updatedAt")
     SELECT 'bd' || g, $1, lpad(g::text, 12, '0') || '00', 'Empresa ' || g || ' Ltda', now() FROM generate_series(0, $2::int) g`,
    CREDITOR,
    last,
  );
  await p.$executeRawUnsafe(
    `INSERT INTO "Conversation" ("id", "channel", "chatId", "debtorId", "flowId", "flowVersion", "snapshot", "state", "updatedAt")
     SELECT 'bc' || g, 'webchat', 'bench-' || g, 'bd' || g, 'negotiation', 1, '{}'::jsonb, 'agreed', now() FROM generate_series(0, $1::int) g`,
    last,
  );
  await p.$executeRawUnsafe(
    `INSERT INTO "Agreement" ("id", "creditorId", "debtorId", "conversationId", "offerId", "totalCents", "debtCents", "kind", "acceptedMessageId", "status", "agreedOn")
     SELECT 'BA' || g, $1, 'bd' || g, 'bc' || g, 'bo' || g, ${INSTALMENTS * 100_000}, ${INSTALMENTS * 100_000}, 'installments', '', 'active', to_char($2::date - 40, 'YYYY-MM-DD')
     FROM generate_series(0, $3::int) g`,
    CREDITOR,
    TODAY,
    last,
  );
  await p.$executeRawUnsafe(
    `INSERT INTO "Installment" ("id", "agreementId", "creditorId", "n", "dueDate", "amountCents", "txid", "pixCode")
     SELECT 'bi' || g || '_' || n, 'BA' || g, $1, n, to_char($2::date + (g % 90) + (n - 1) * 30, 'YYYY-MM-DD'), 100000, 'BA' || g || 'P' || n, 'pix-' || g || '-' || n
     FROM generate_series(0, $3::int) g, generate_series(1, ${INSTALMENTS}) n`,
    CREDITOR,
    TODAY,
    last,
  );
  await p.$executeRawUnsafe('ANALYZE');
}

async function timedPass(db: Database, now: Date): Promise<{ ms: number; peakRss: number; r: ReminderPassResult }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  try {
    const r = await runReminderPass({ db: db.prisma, conversations: writes, creditorId: CREDITOR, now });
    return { ms: performance.now() - t0, peakRss: Math.max(peakRss, process.memoryUsage().rss), r };
  } finally {
    clearInterval(sampler);
  }
}

/** A fresh database of `kind` (PostgreSQL: a new database on pgUrl's server, dropped after). */
async function freshDatabase(kind: 'pglite' | 'postgresql', pgUrl?: string): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const scratch = await createScratchDatabase(pgUrl!, 'cordial_bench_rem');
  const db = await openDatabase({ databaseUrl: scratch.url });
  return {
    db,
    async drop() {
      await db.close();
      await scratch.drop();
    },
  };
}

/** One row per pass, for console.table. */
export async function reminderBench(kind: 'pglite' | 'postgresql', agreements: number, pgUrl?: string): Promise<Record<string, string | number>[]> {
  const { db, drop } = await freshDatabase(kind, pgUrl);
  try {
    const t0 = performance.now();
    await seed(db, agreements);
    const seedS = ((performance.now() - t0) / 1000).toFixed(1);
    const passes: [string, Date][] = [
      ['first of the day', new Date(`${TODAY}T15:00:00Z`)],
      ['15 min later', new Date(`${TODAY}T15:15:00Z`)],
      ['next day', new Date('2027-03-11T15:00:00Z')],
    ];
    const rows: Record<string, string | number>[] = [];
    for (const [pass, now] of passes) {
      const { ms, peakRss, r } = await timedPass(db, now);
      rows.push({
        database: kind,
        agreements,
        'seed s': seedS,
        pass,
        'in window': r.scanned,
        'marked late/broken': r.statusChanged,
        queued: r.queued,
        'pass s': (ms / 1000).toFixed(2),
        'peak RSS MB': (peakRss / 1024 / 1024).toFixed(0),
      });
    }
    return rows;
  } finally {
    await drop();
  }
}
