// The agent's conversation view carries each agreement as the ledger left it: status, what was
// paid of the whole and of each instalment, when, and each instalment's txid (the agreement panel
// and its "register payment" form read them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { loadConversationView } from '../../src/handoff/conversationView.js';
import { loadLedger, saveLedger } from '../../src/storage/agreementLedgerRepository.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('handoff/conversationView');
const NOW = new Date('2026-12-05T15:00:00Z');

describe.each(DATABASES)('conversation view of agreements ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await t.database.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('shows status, paid amounts and txids after a payment through the ledger; never a simulator run', async () => {
    const db = t.database.prisma;
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-05', amountCents: 10_000 }, { dueDate: '2027-01-05', amountCents: 10_000 }] });
    await db.$transaction(async (tx) => {
      const s = (await loadLedger(tx, 'c1', a.id, { lock: true }))!;
      const r = applyPayment(s.ledger, { endToEndId: 'E1', txid: a.installments[0]!.txid, amountCents: 15_000, paidAt: '2026-12-05T13:00:00Z', source: 'pix' });
      await saveLedger(tx, s, r.agreement, r.events, { actor: 'pix', now: NOW });
    });
    // A simulator run of the same debtor is not one of its agreements.
    await db.agreement.create({
      data: { id: `${a.id}-SIM`, creditorId: 'c1', debtorId: a.debtorId, conversationId: a.conversationId, offerId: 'sim-offer', totalCents: 1n, debtCents: 1n, kind: 'cash', acceptedMessageId: '', status: 'simulated' },
    });

    const view = (await loadConversationView(db, a.conversationId, 'c1'))!;
    expect(view.agreements).toEqual([
      {
        id: a.id,
        kind: 'installments',
        totalCents: 20_000,
        debtCents: 20_000,
        paidCents: 15_000,
        status: 'active',
        createdAt: expect.any(String),
        installments: [
          { n: 1, dueDate: '2026-12-05', amountCents: 10_000, pixCode: a.installments[0]!.pixCode, txid: a.installments[0]!.txid, status: 'paid', paidCents: 10_000, paidAt: '2026-12-05T13:00:00.000Z' },
          { n: 2, dueDate: '2027-01-05', amountCents: 10_000, pixCode: a.installments[1]!.pixCode, txid: a.installments[1]!.txid, status: 'open', paidCents: 5_000, paidAt: null },
        ],
      },
    ]);
  });
});
