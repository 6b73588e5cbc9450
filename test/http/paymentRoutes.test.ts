import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/domain/dates.js';
import { formatMoney } from '../../src/domain/money.js';
import type { ConversationWrites } from '../../src/engine/conversationWrites.js';
import { runReminderPass } from '../../src/jobs/reminderPass.js';
import { appendMessage } from '../../src/storage/appendMessage.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import type { Tx } from '../../src/storage/database.js';
import { DEFAULT_CREDITOR_ID } from '../../src/storage/creditorRepository.js';
import { seedAgreement, type SeededAgreement } from '../helpers/agreementRows.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/paymentRoutes');

const SECRET = 'pix-webhook-secret-for-tests-0123';
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const hook = { 'x-webhook-secret': SECRET };
// Wednesday 9 December 2026, 10:00 in São Paulo: inside the sending window, not a holiday.
const NOW = new Date('2026-12-09T13:00:00Z');
const money = (cents: number) => formatMoney(cents, 'pt-BR');

let e2eSeq = 0;
const e2e = () => `E${String(++e2eSeq).padStart(31, '0')}`;
const pix = (txid: string | null, valor: string, endToEndId = e2e(), horario = '2026-12-08T14:30:00.000Z') => ({ endToEndId, ...(txid ? { txid } : {}), valor, horario, infoPagador: 'Pagamento parcela' });

describe.each(DATABASES)('payments in ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  const db = () => t.app.database.prisma;
  const counts = async () => ({
    payments: await db().payment.count(),
    // The ledger's and the payments' own events (logins and the outbox's contact decisions run beside).
    audit: await db().auditEvent.count({ where: { OR: ['payment.', 'installment.', 'agreement.', 'ledger.'].map((p) => ({ type: { startsWith: p } })) } }),
    messages: await db().message.count(),
    notices: await db().agreementNotice.count(),
    paid: await db().installment.aggregate({ _sum: { paidCents: true } }).then((a) => Number(a._sum.paidCents ?? 0)),
  });
  const agreement = (schedule = [10_000, 10_000]): Promise<SeededAgreement> =>
    seedAgreement(db(), { creditorId: DEFAULT_CREDITOR_ID, schedule: schedule.map((amountCents, k) => ({ dueDate: ['2026-12-05', '2027-01-05', '2027-02-05'][k]!, amountCents })) });
  const webhook = (body: unknown, headers: Record<string, string> = hook, path = '/api/payments/pix') => t.api('POST', path, body, headers);
  const receiptsOf = (a: SeededAgreement) => db().message.findMany({ where: { conversationId: a.conversationId, templateKey: { in: ['agreement.receipt', 'agreement.settled'] } }, orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    // No background chores: the reminder pass on this fixed clock would write audit events (late
    // instalments) between the counts these tests compare.
    if (enabled) t = await startTestApp({ db: kind, clock: () => NOW, env: { PIX_WEBHOOK_SECRET: SECRET, JOBS_INTERVAL_MS: '3600000' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('the webhook wants the shared secret, in the header or the query; nothing is written without it', async () => {
    const a = await agreement();
    const before = await counts();
    const body = { pix: [pix(a.installments[0]!.txid, '100.00')] };
    expect((await webhook(body, {})).status).toBe(401);
    expect((await webhook(body, { 'x-webhook-secret': 'wrong' })).status).toBe(401);
    expect((await webhook(body, { 'x-webhook-secret': `${SECRET}x` })).status).toBe(401);
    expect((await webhook(body, {}, '/api/payments/pix?secret=nope')).status).toBe(401);
    // The admin token is no webhook secret.
    expect((await webhook(body, auth)).status).toBe(401);
    expect(await counts()).toEqual(before);
    const r = await webhook(body, {}, `/api/payments/pix/pix?secret=${SECRET}`);
    expect(r.status).toBe(200);
    expect(r.body.pix).toEqual([{ endToEndId: body.pix[0]!.endToEndId, outcome: 'applied' }]);
  });

  it.skipIf(!enabled)('a PIX pays its instalment, the debtor gets one receipt with the amounts, a redelivery changes nothing', async () => {
    const a = await agreement();
    const body = { pix: [pix(a.installments[0]!.txid, '100.00')] };
    const r = await webhook(body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, applied: 1, duplicates: 0, unmatched: 0, held: 0, conflicts: 0 });
    const installments = await db().installment.findMany({ where: { agreementId: a.id }, orderBy: { n: 'asc' } });
    expect(installments.map((i) => [i.status, Number(i.paidCents), i.paidAt?.toISOString() ?? null])).toEqual([
      ['paid', 10_000, '2026-12-08T14:30:00.000Z'],
      ['open', 0, null],
    ]);
    const payment = await db().payment.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(payment).toMatchObject({ key: `e2e:${body.pix[0]!.endToEndId}`, source: 'pix', status: 'applied', installmentN: 1, assignedByHand: false, createdBy: 'pix' });

    // The receipt: queued once, proactive but outside the caps, rendered from the domain's facts.
    const receipts = await receiptsOf(a);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ templateKey: 'agreement.receipt', proactive: true, countsTowardCaps: false, direction: 'out', author: 'bot' });
    expect(receipts[0]!.facts).toMatchObject({ agreement: { id: a.id, totalCents: 20_000, receipt: { amountCents: 10_000, paidCents: 10_000, remainingCents: 10_000, installments: [{ n: 1, cents: 10_000 }], next: { n: 2, dueDate: '2027-01-05', amountCents: 10_000 } } } });
    await expect.poll(async () => (await db().message.findUniqueOrThrow({ where: { id: receipts[0]!.id } })).delivery).toBe('sent');
    const text = (await db().message.findUniqueOrThrow({ where: { id: receipts[0]!.id } })).text!;
    expect(text).toContain(`Recebemos o seu pagamento de ${money(10_000)}`);
    expect(text).toContain(`faltam ${money(10_000)}`);
    expect(text).toContain(`parcela 2, ${money(10_000)}, em ${formatDate('2027-01-05', 'pt-BR')}`);
    expect(await db().agreementNotice.count({ where: { agreementId: a.id, kind: 'receipt' } })).toBe(1);

    // Redelivered (on either path): 200, nothing new anywhere.
    const before = await counts();
    for (const path of ['/api/payments/pix', '/api/payments/pix/pix']) {
      const again = await webhook(body, hook, path);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ applied: 0, duplicates: 1, pix: [{ outcome: 'duplicate' }] });
    }
    expect(await counts()).toEqual(before);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it.skipIf(!enabled)('malformed notifications get 400 with the reasons and write nothing, also when one entry of several is bad', async () => {
    const a = await agreement();
    const good = pix(a.installments[0]!.txid, '100.00');
    const before = await counts();
    const cases: [unknown, string][] = [
      [{}, 'pix'],
      [{ pix: {} }, 'pix'],
      [{ pix: [{ ...good, valor: '-1.00' }] }, 'pix.0.valor'],
      [{ pix: [{ ...good, valor: '0.00' }] }, 'pix.0.valor'],
      [{ pix: [{ ...good, valor: '100' }] }, 'pix.0.valor'],
      [{ pix: [{ ...good, horario: '2026-12-08 14:30' }] }, 'pix.0.horario'],
      [{ pix: [good, { ...pix(a.installments[1]!.txid, '100.00'), endToEndId: 'D123' }] }, 'pix.1.endToEndId'],
    ];
    for (const [body, field] of cases) {
      const r = await webhook(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const notJson = await t.api('POST', '/api/payments/pix', '{"pix": [', { ...hook, 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it.skipIf(!enabled)('a txid that matches nothing is kept once as unmatched, then an admin assigns it to an instalment', async () => {
    const a = await agreement();
    const stray = pix('FOREIGN42', '60.00');
    const noTxid = pix(null, '15.00');
    const r = await webhook({ pix: [stray, noTxid] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ unmatched: 2, pix: [{ outcome: 'unmatched' }, { outcome: 'unmatched' }] });
    const before = await counts();
    expect((await webhook({ pix: [stray, noTxid] })).body).toMatchObject({ duplicates: 2 });
    expect(await counts()).toEqual(before);
    const row = await db().payment.findFirstOrThrow({ where: { key: `e2e:${stray.endToEndId}` } });
    expect(row).toMatchObject({ status: 'unmatched', agreementId: null, txid: 'FOREIGN42', amountCents: 6_000n });
    expect(await db().auditEvent.count({ where: { type: 'payment.unmatched', data: { path: ['paymentId'], equals: row.id } } })).toBe(1);

    // Assigning: only admins; a bad instalment or agreement is refused and changes nothing.
    const agent = await ConsoleAgent.create(t, 'Agente Pagamentos');
    expect((await agent.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: a.id, installmentN: 2 })).status).toBe(403);
    expect((await t.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: a.id, installmentN: 9 }, auth)).status).toBe(400);
    expect((await t.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: 'nope', installmentN: 1 }, auth)).status).toBe(404);
    expect((await t.api('POST', `/api/admin/payments/nope/assign`, { agreementId: a.id, installmentN: 1 }, auth)).status).toBe(404);
    expect((await t.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: a.id }, auth)).status).toBe(422);
    expect(await counts()).toEqual(before);

    const assigned = await t.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: a.id, installmentN: 2 }, auth);
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ outcome: 'applied', payment: { id: row.id, status: 'applied', agreementId: a.id, installmentN: 2, assignedByHand: true, amountCents: 6_000 }, installment: { n: 2, paidCents: 6_000, status: 'open' } });
    expect(await db().payment.count({ where: { key: row.key } })).toBe(1);
    expect(await db().auditEvent.count({ where: { type: 'payment.assigned', data: { path: ['paymentId'], equals: row.id } } })).toBe(1);
    expect((await receiptsOf(a)).length).toBe(1);
    // Once assigned it is no longer unmatched; a redelivery of it is still a duplicate.
    expect((await t.api('POST', `/api/admin/payments/${row.id}/assign`, { agreementId: a.id, installmentN: 1 }, auth)).status).toBe(409);
    expect((await webhook({ pix: [stray] })).body).toMatchObject({ duplicates: 1 });

    // A PIX without txid is assigned by its endToEndId.
    const bare = await db().payment.findFirstOrThrow({ where: { key: `e2e:${noTxid.endToEndId}` } });
    const r2 = await t.api('POST', `/api/admin/payments/${bare.id}/assign`, { agreementId: a.id, installmentN: 1 }, auth);
    expect(r2.status).toBe(200);
    expect(r2.body.payment).toMatchObject({ txid: '', installmentN: 1, assignedByHand: true });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it.skipIf(!enabled)('a PIX charge issued later for a late instalment pays that instalment', async () => {
    const a = await agreement();
    await db().pixCharge.create({ data: { creditorId: DEFAULT_CREDITOR_ID, txid: `LATE${a.id.slice(0, 10)}`, agreementId: a.id, installmentN: 1, amountCents: 10_250n, chargesCents: 250n, pixCode: '000201…', kind: 'late', forDate: '2026-12-06' } });
    const r = await webhook({ pix: [pix(`LATE${a.id.slice(0, 10)}`, '102.50')] });
    expect(r.body).toMatchObject({ applied: 1 });
    const p = await db().payment.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(p).toMatchObject({ installmentN: 1, assignedByHand: false, txid: `LATE${a.id.slice(0, 10)}`, chargesCents: 250n, overpaidCents: 0n });
    expect((await db().installment.findFirstOrThrow({ where: { agreementId: a.id, n: 1 } })).status).toBe('paid');
    // The fee + interest part is not principal: instalment 2 is not touched by it.
    expect(Number((await db().installment.findFirstOrThrow({ where: { agreementId: a.id, n: 2 } })).paidCents)).toBe(0);
  });

  it.skipIf(!enabled)('the late PIX charge the reminder pass issues, paid exactly: the instalment paid, the fee + interest kept as charges, the next untouched', async () => {
    const a = await agreement([10_000, 10_000]);
    const writes: ConversationWrites<Tx> = { append: (tx, id, row) => appendMessage(tx, id, row), close: () => Promise.reject(new Error('not used')) };
    // Noon in São Paulo on 8 December: instalment 1 (due on the 5th) is three days late.
    await runReminderPass({ db: db(), conversations: writes, creditorId: DEFAULT_CREDITOR_ID, now: new Date('2026-12-08T15:00:00Z') });
    const note = await db().message.findFirstOrThrow({ where: { conversationId: a.conversationId, templateKey: 'reminder.late' } });
    const late = (note.facts as { agreement: { installment: { feeCents: number; interestCents: number; totalCents: number } } }).agreement.installment;
    // 2 % of 100,00 = 2,00; three days of 1 %/month on 100,00 = 3 cents.
    expect(late).toMatchObject({ feeCents: 200, interestCents: 10, totalCents: 10_210 });
    const charge = await db().pixCharge.findFirstOrThrow({ where: { agreementId: a.id, kind: 'late' } });
    expect(charge).toMatchObject({ installmentN: 1, amountCents: BigInt(late.totalCents), chargesCents: BigInt(late.feeCents + late.interestCents) });

    const r = await webhook({ pix: [pix(charge.txid, (late.totalCents / 100).toFixed(2), e2e(), '2026-12-08T18:00:00.000Z')] });
    expect(r.body).toMatchObject({ ok: true, applied: 1 });
    const installments = await db().installment.findMany({ where: { agreementId: a.id }, orderBy: { n: 'asc' } });
    expect(installments.map((i) => [i.status, Number(i.paidCents)])).toEqual([
      ['paid', 10_000],
      ['open', 0],
    ]);
    expect(Number((await db().agreement.findUniqueOrThrow({ where: { id: a.id } })).overpaidCents)).toBe(0);
    const payment = await db().payment.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(payment).toMatchObject({ txid: charge.txid, status: 'applied', installmentN: 1, amountCents: 10_210n, chargesCents: 210n, overpaidCents: 0n, allocations: [{ n: 1, cents: 10_000 }] });
    const applied = await db().auditEvent.findFirstOrThrow({ where: { type: 'payment.applied', debtorId: a.debtorId } });
    expect(applied.data).toMatchObject({ chargesCents: 210, overpaidCents: 0 });

    // The receipt says what of the payment was late fee + interest.
    const [receipt] = await receiptsOf(a);
    expect(receipt!.facts).toMatchObject({ agreement: { receipt: { amountCents: 10_210, paidCents: 10_000, remainingCents: 10_000, chargesCents: 210, lateCharges: [{ cents: 210 }] } } });
    await expect.poll(async () => (await db().message.findUniqueOrThrow({ where: { id: receipt!.id } })).delivery).toBe('sent');
    const text = (await db().message.findUniqueOrThrow({ where: { id: receipt!.id } })).text!;
    expect(text).toContain(`Recebemos o seu pagamento de ${money(10_210)}`);
    expect(text).toContain(`Multa e juros por atraso: ${money(210)} deste pagamento.`);
    expect(text).toContain(`faltam ${money(10_000)}`);

    // The admin's agreement page shows it.
    const page = await t.api('GET', `/api/admin/agreements/${a.id}`, undefined, auth);
    expect(page.status).toBe(200);
    expect(page.body.agreement.payments).toEqual([expect.objectContaining({ txid: charge.txid, amountCents: 10_210, chargesCents: 210, overpaidCents: 0 })]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it.skipIf(!enabled)('manual registration: partial payment, then an overpayment that settles the agreement and its invoices', async () => {
    const a = await agreement();
    const agent = await ConsoleAgent.create(t, 'Agente Registro');
    const r1 = await agent.api('POST', '/api/admin/payments', { txid: a.installments[0]!.txid, amountCents: 4_000, paidAt: '2026-12-08T10:00:00-03:00', note: 'comprovante enviado por e-mail' });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({
      payment: { source: 'manual', status: 'applied', amountCents: 4_000, paidAt: '2026-12-08T13:00:00.000Z', note: 'comprovante enviado por e-mail', createdBy: `user:${agent.id}` },
      installment: { n: 1, amountCents: 10_000, paidCents: 4_000, status: 'open', paidAt: null },
      agreement: { id: a.id, status: 'active', totalCents: 20_000, paidCents: 4_000, remainingCents: 16_000 },
    });
    const partial = (await receiptsOf(a))[0]!;
    expect(partial.facts).toMatchObject({ agreement: { receipt: { amountCents: 4_000, next: { n: 1, amountCents: 6_000 } } } });

    const r2 = await t.api('POST', '/api/admin/payments', { txid: a.installments[1]!.txid, amountCents: 20_000, paidAt: '2026-12-09T12:00:00Z' }, auth);
    expect(r2.status).toBe(201);
    expect(r2.body).toMatchObject({ payment: { overpaidCents: 4_000, allocations: [{ n: 2, cents: 10_000 }, { n: 1, cents: 6_000 }] }, agreement: { status: 'settled', paidCents: 20_000, remainingCents: 0, overpaidCents: 4_000 } });
    expect((await db().invoice.findMany({ where: { agreementId: a.id } })).map((i) => i.status)).toEqual(['paid']);
    const receipts = await receiptsOf(a);
    expect(receipts.map((m) => m.templateKey)).toEqual(['agreement.receipt', 'agreement.settled']);
    await expect.poll(async () => (await db().message.findUniqueOrThrow({ where: { id: receipts[1]!.id } })).delivery).toBe('sent');
    const text = (await db().message.findUniqueOrThrow({ where: { id: receipts[1]!.id } })).text!;
    expect(text).toContain(`Recebemos o seu pagamento de ${money(20_000)}`);
    expect(text).toContain(`no total de ${money(20_000)}, está quitado`);
    expect(await db().auditEvent.count({ where: { type: { in: ['agreement.settled', 'ledger.overpayment_recorded'] }, debtorId: a.debtorId } })).toBe(2);

    // The same registration again: 200, the payment as recorded, duplicate: true, nothing new.
    const before = await counts();
    const again = await t.api('POST', '/api/admin/payments', { txid: a.installments[1]!.txid, amountCents: 20_000, paidAt: '2026-12-09T09:00:00-03:00' }, auth);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, payment: { id: r2.body.payment.id } });
    expect(await counts()).toEqual(before);
  });

  it.skipIf(!enabled)('manual registration refuses bad amounts, bad instants and unknown txids with clear errors, writing nothing', async () => {
    const a = await agreement();
    const txid = a.installments[0]!.txid;
    const ok = { txid, amountCents: 1_000, paidAt: '2026-12-08T13:00:00Z' };
    const before = await counts();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...ok, amountCents: -100 }, 'amountCents', /greater than zero/],
      [{ ...ok, amountCents: 0 }, 'amountCents', /greater than zero/],
      [{ ...ok, amountCents: 10.5 }, 'amountCents', /whole number of cents/],
      [{ ...ok, amountCents: '1000' }, 'amountCents', /number of cents/],
      [{ ...ok, paidAt: '2026-12-08' }, 'paidAt', /with its offset/],
      [{ ...ok, paidAt: '2026-13-08T10:00:00Z' }, 'paidAt', /with its offset/],
      [{ ...ok, txid: 'has space' }, 'txid', /without spaces/],
      [{ ...ok, extra: 1 }, '', /./],
    ];
    for (const [body, field, message] of cases) {
      const r = await t.api('POST', '/api/admin/payments', body, auth);
      expect(r.status, JSON.stringify(body)).toBe(422);
      const e = r.body.errors.find((x: { field: string }) => field === '' || x.field === field);
      expect(e?.message, JSON.stringify(r.body)).toMatch(message);
    }
    const unknown = await t.api('POST', '/api/admin/payments', { ...ok, txid: 'NOSUCHTXID' }, auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'unknown_txid', message: expect.stringContaining('NOSUCHTXID') });
    // Not a console request without CSRF, nor without credentials.
    const agent = await ConsoleAgent.create(t, 'Agente Csrf');
    expect((await t.api('POST', '/api/admin/payments', ok, { cookie: agent.cookie })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/payments', ok)).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it.skipIf(!enabled)('a bank export: one bad line imports nothing; a good one counts what it did, ignoring payments the webhook brought', async () => {
    const a = await agreement([10_000, 10_000, 10_000]);
    const first = pix(a.installments[0]!.txid, '100.00', e2e(), '2026-12-05T13:00:00.000Z');
    const second = pix(a.installments[1]!.txid, '50.00', e2e(), '2026-12-06T13:00:00.000Z');
    expect((await webhook({ pix: [first, second] })).body).toMatchObject({ applied: 2 });
    const csv = (lines: string[]) => t.api('POST', '/api/admin/payments/import', ['txid,amount,paid_at,end_to_end_id', ...lines].join('\n') + '\n', { ...auth, 'content-type': 'text/csv' });

    const before = await counts();
    const bad = await csv([`${a.installments[2]!.txid},"1.000,00",2026-12-07,`, `${a.installments[2]!.txid},-5,2026-12-07,`, `X,1.00,ontem,`]);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { line: 3, field: 'amount', message: 'must be greater than zero' },
      { line: 4, field: 'paid_at', message: expect.stringContaining('expected an instant') },
    ]);
    expect(await counts()).toEqual(before);

    const good = await csv([
      // The webhook's payment, by its endToEndId.
      `${first.txid},100.00,2026-12-05T13:00:00Z,${first.endToEndId}`,
      // The webhook's payment again, without endToEndId: recognised by txid + amount + instant.
      `${second.txid},"50,00",2026-12-06T10:00:00-03:00,`,
      // New: the rest of instalment 2, a bare date (noon in São Paulo).
      `${a.installments[1]!.txid},"50,00",07/12/2026,`,
      `NOTOURS1,12.34,2026-12-07,`,
    ]);
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ applied: 1, duplicates: 2, unmatched: 1, held: 0, conflicts: 0 });
    const imported = await db().payment.findFirstOrThrow({ where: { agreementId: a.id, source: 'import' } });
    expect(imported.paidAt.toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect((await db().installment.findMany({ where: { agreementId: a.id }, orderBy: { n: 'asc' } })).map((i) => [i.status, Number(i.paidCents)])).toEqual([
      ['paid', 10_000],
      ['paid', 10_000],
      ['open', 0],
    ]);
    // Importing the same file again: all duplicates.
    const before2 = await counts();
    expect((await csv([`${a.installments[1]!.txid},"50,00",07/12/2026,`, `NOTOURS1,12.34,2026-12-07,`])).body).toEqual({ applied: 0, duplicates: 2, unmatched: 0, held: 0, conflicts: 0 });
    expect(await counts()).toEqual(before2);
    expect((await t.api('POST', '/api/admin/payments/import', 'txid,amount,paid_at\n', { cookie: 'x' })).status).toBe(401);
  });
});

describe('payments in: the webhook is off without PIX_WEBHOOK_SECRET', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: () => NOW });
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers 404 on both paths', async () => {
    for (const path of ['/api/payments/pix', '/api/payments/pix/pix', `/api/payments/pix?secret=${SECRET}`]) {
      const r = await t.api('POST', path, { pix: [] }, hook);
      expect(r.status).toBe(404);
    }
  });
});
