import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasError, parsePix } from 'pix-utils';
import { formatMoney } from '../../src/domain/money.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakeTelegramServer.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

// Issue 12, "How it must be shown": one agreement walked through two months with the app's clock,
// end to end over the real HTTP server and the fake Telegram Bot API server. The demo debtor
// (Padaria Pão Quente, R$ 15.980,50 in two invoices) agrees to three instalments on Tuesday
// 1 December 2026; reminders come on the right days and never in quiet hours, a reminder that
// falls on New Year's Day waits for the next morning, the first instalment is paid by PIX webhook
// (redelivered: ignored), the second goes late (the note carries the fee and interest the term
// states and a new PIX code for that amount), the agreement breaks after the grace period (the
// notice due on a Sunday waits for Monday), the debtor renegotiates what remains with the first
// instalment credited, and pays the new agreement to settlement.

notePostgresSkipped('e2e/agreementLifecycle');

const CHAT = 7101;
const SECRET = 'pix-webhook-secret-for-tests';
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** São Paulo is UTC−3 all year. */
const local = (date: string, hhmm = '10:00') => new Date(`${date}T${hhmm}:00-03:00`);

describe.each(DATABASES)('agreement lifecycle over Telegram, two months on the app clock ($kind)', ({ kind, enabled }) => {
  let tg: FakeTelegram;
  let t: TestApp;
  let now = local('2026-12-01');
  let seen = 0;

  beforeAll(async () => {
    if (!enabled) return;
    tg = await startFakeTelegram();
    t = await startTestApp({
      db: kind,
      clock: () => now,
      // Background ticks off: the test runs each day's chores itself, at the hour it chooses.
      env: { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, PIX_WEBHOOK_SECRET: SECRET, JOBS_INTERVAL_MS: '3600000' },
    });
    await tg.waitFor(() => tg.calls.some((c) => c.method === 'getUpdates'), 30_000);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await tg?.close();
  });

  const texts = () => tg.sent.filter((s) => s.chatId === String(CHAT)).map((s) => s.text);
  /** What the bot sent since the last call. */
  const fresh = () => {
    const all = texts();
    const out = all.slice(seen);
    seen = all.length;
    return out;
  };
  const waitTexts = (n: number) => tg.waitFor(() => texts().length >= seen + n, 20_000);
  /** The clock at that local time, and that moment's chores (the reminder pass, then the outbox). */
  async function at(date: string, hhmm = '10:00'): Promise<string[]> {
    now = local(date, hhmm);
    await t.app.chores();
    await t.app.chores();
    return fresh();
  }
  async function days(from: string, to: string, hhmm = '10:00'): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (let d = new Date(`${from}T12:00:00Z`); d <= new Date(`${to}T12:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      const sent = await at(day, hhmm);
      if (sent.length) out[day] = sent;
    }
    return out;
  }
  const webhook = (pix: object[], secret = SECRET) => t.api('POST', '/api/payments/pix', { pix }, { 'x-webhook-secret': secret });
  const agreements = async () =>
    t.app.database.prisma.agreement.findMany({ where: { status: { not: 'simulated' } }, orderBy: { createdAt: 'asc' }, include: { installments: { orderBy: { n: 'asc' } } } });
  const brl = (cents: number) => formatMoney(cents, 'pt-BR');
  const reais = (cents: number) => (cents / 100).toFixed(2);

  let total = 0;
  let inst: { n: number; dueDate: string; amountCents: number; txid: string }[] = [];

  it.skipIf(!enabled)('1 December: the debtor agrees to three instalments on Telegram', async () => {
    tg.sendText(CHAT, '/start');
    await waitTexts(1);
    tg.shareContact(CHAT, '5511987654321', true);
    await waitTexts(3);
    expect(fresh()[1]).toMatch(/identificação confirmada/i);
    tg.sendText(CHAT, 'consigo pagar em 3 vezes');
    await waitTexts(2);
    expect(fresh().join('\n')).toMatch(/3 parcelas|3 pagamentos|3 vezes|3x/i);
    tg.pressButton(CHAT, 'accept');
    await waitTexts(1);
    const term = fresh()[0]!;
    expect(term).toMatch(/^Acordo registrado/);
    // The term as a PDF document follows the message.
    await tg.waitFor(() => tg.documents.some((d) => d.chatId === String(CHAT)), 20_000);

    const [a] = await agreements();
    expect(a).toMatchObject({ status: 'active', agreedOn: '2026-12-01' });
    inst = a!.installments.map((i) => ({ n: i.n, dueDate: i.dueDate, amountCents: Number(i.amountCents), txid: i.txid }));
    total = Number(a!.totalCents);
    expect(inst).toHaveLength(3);
    // The ladder's first date: three days out, then monthly.
    expect(inst.map((i) => i.dueDate)).toEqual(['2026-12-04', '2027-01-04', '2027-02-04']);
    const codes = [...term.matchAll(/PIX copia e cola: (.+)$/gm)].map((m) => m[1]!.trim());
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(hasError(parsePix(code))).toBe(false);
  }, 90_000);

  it.skipIf(!enabled)('reminds on the due day only (three days before was the day of the agreement), never at night', async () => {
    expect(await at('2026-12-02', '23:30')).toEqual([]);
    const sent = await days('2026-12-02', '2026-12-04');
    expect(Object.keys(sent)).toEqual(['2026-12-04']);
    const [due] = sent['2026-12-04']!;
    expect(due).toContain(`parcela 1`);
    expect(due).toContain(brl(inst[0]!.amountCents));
    expect(due).toContain('04/12/2026');
  }, 90_000);

  it.skipIf(!enabled)('a PIX webhook pays instalment 1 and the debtor gets a receipt; a redelivery changes nothing', async () => {
    const pay = { endToEndId: 'E00000000202612041500aaaaaaaaaa1', txid: inst[0]!.txid, valor: reais(inst[0]!.amountCents), horario: '2026-12-04T15:00:00.000Z', infoPagador: 'parcela 1' };
    expect((await webhook([pay], 'wrong-secret-of-some-length')).status).toBe(401);
    expect((await webhook([pay])).status).toBe(200);
    await tg.waitFor(() => texts().length > seen, 20_000);
    const [receipt] = fresh();
    expect(receipt).toContain(brl(inst[0]!.amountCents));
    expect(receipt).toContain(brl(total - inst[0]!.amountCents)); // what remains
    expect(receipt).toContain('04/01/2027'); // the next due date

    const payments = () => t.app.database.prisma.payment.count();
    // The ledger's and the outbox's traces of a payment (the receipt's send decision is written
    // after the response, so the whole trail is not a stable count here).
    const audit = () => t.app.database.prisma.auditEvent.count({ where: { OR: [{ type: { startsWith: 'payment.' } }, { type: { startsWith: 'installment.' } }, { type: { startsWith: 'agreement.' } }] } });
    const [p0, a0] = [await payments(), await audit()];
    const again = await webhook([pay]);
    expect(again.status).toBe(200);
    expect([await payments(), await audit()]).toEqual([p0, a0]);
    expect(await t.app.database.prisma.message.count({ where: { templateKey: 'agreement.receipt' } })).toBe(1);
    expect(await at('2026-12-04', '10:30')).toEqual([]);
    const [a] = await agreements();
    expect(a!.installments.map((i) => [i.status, Number(i.paidCents)])).toEqual([['paid', inst[0]!.amountCents], ['open', 0], ['open', 0]]);
  }, 90_000);

  let lateCents = 0;
  it.skipIf(!enabled)('instalment 2: the reminder due on New Year’s Day waits for the next morning; due day; then a late note with fee, interest and a new PIX code', async () => {
    const sent = await days('2026-12-05', '2027-01-05');
    expect(Object.keys(sent)).toEqual(['2027-01-02', '2027-01-04', '2027-01-05']);
    expect(sent['2027-01-02']![0]).toContain('vence em 04/01/2027');
    expect(sent['2027-01-04']![0]).toContain('parcela 2');

    // The term: 2 % late fee, 1 % a month pro rata die; one day late. Half-up, in cents.
    const a = inst[1]!.amountCents;
    const fee = Math.floor((a * 200 + 5_000) / 10_000);
    const interest = Math.floor((a * 100 + 150_000) / 300_000);
    lateCents = a + fee + interest;
    const note = sent['2027-01-05']![0]!;
    expect(note).toContain(brl(lateCents));
    const code = /PIX copia e cola com esse valor: (.+)$/m.exec(note)![1]!.trim();
    const parsed = parsePix(code);
    expect(hasError(parsed)).toBe(false);
    expect(Math.round((parsed as { transactionAmount: number }).transactionAmount * 100)).toBe(lateCents);
    const [row] = await agreements();
    expect(row!.installments[1]!.status).toBe('late');
  }, 120_000);

  it.skipIf(!enabled)('after the grace period the agreement breaks; the notice due on a Sunday goes on Monday, and offers to renegotiate', async () => {
    const sent = await days('2027-01-06', '2027-01-11');
    expect(Object.keys(sent)).toEqual(['2027-01-11']);
    const notice = sent['2027-01-11']![0]!;
    expect(notice).toMatch(/renegoci|novas condições/i);
    expect(notice).not.toMatch(/protesto|serasa|spc|negativa|judicial|processo/i);
    const [a] = await agreements();
    expect(a).toMatchObject({ status: 'broken', brokenOn: '2027-01-10' });
  }, 120_000);

  it.skipIf(!enabled)('the debtor renegotiates what remains, with instalment 1 credited', async () => {
    now = local('2027-01-11', '11:00');
    tg.sendText(CHAT, 'quero renegociar');
    await waitTexts(2);
    const offer = fresh().join('\n');
    const remaining = total - inst[0]!.amountCents;
    expect(offer).toContain(brl(inst[0]!.amountCents)); // credited
    expect(offer).toContain(brl(remaining)); // the balance negotiated
    tg.pressButton(CHAT, 'accept');
    await waitTexts(1);
    expect(fresh()[0]).toMatch(/^Acordo registrado/);

    const [old, renewed] = await agreements();
    expect(old).toMatchObject({ status: 'renegotiated', renegotiatedById: renewed!.id });
    expect(renewed).toMatchObject({ status: 'active', renegotiatesId: old!.id, debtCents: BigInt(remaining) });
    const invoices = await t.app.database.prisma.invoice.findMany({ select: { status: true, agreementId: true } });
    expect(invoices.every((i) => i.status === 'in_agreement' && i.agreementId === renewed!.id)).toBe(true);
    const r = await t.api('GET', `/api/admin/agreements/${renewed!.id}`, undefined, ADMIN);
    expect(r.status).toBe(200);
    expect(r.body.agreement.renegotiates).toBe(old!.id);
  }, 90_000);

  it.skipIf(!enabled)('paying the new agreement by webhook settles it and its invoices', async () => {
    const [, renewed] = await agreements();
    now = local('2027-01-12', '10:00');
    const pix = renewed!.installments.map((i, k) => ({
      endToEndId: `E00000000202701121500${String(k).padStart(2, '0')}bbbbbbbbb`,
      txid: i.txid,
      valor: reais(Number(i.amountCents)),
      horario: '2027-01-12T13:00:00.000Z',
    }));
    const r = await webhook(pix);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [, after] = await agreements();
    expect(after!.status).toBe('settled');
    expect(after!.installments.every((i) => i.status === 'paid')).toBe(true);
    expect((await t.app.database.prisma.invoice.findMany()).map((i) => i.status)).toEqual(['paid', 'paid']);
    // No reminder for a settled agreement, and none for the renegotiated one's old instalments.
    const later = await days('2027-01-13', '2027-02-08');
    expect(Object.values(later).flat().filter((s) => /lembrete|vence em|Ainda não identificamos/.test(s))).toEqual([]);
    const d = await t.api('GET', `/api/admin/agreements?status=settled`, undefined, ADMIN);
    expect(d.body.agreements.map((x: { id: string }) => x.id)).toEqual([after!.id]);
  }, 180_000);
});
