import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { Pacer } from '../../src/jobs/pacer.js';
import { agreementMessageConversationSql } from '../../src/storage/agreementMessageConversation.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { FakeSmtpServer } from '../helpers/fakeSmtpServer.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

// Where a notice goes: the contact's preferred channel when it reaches them, else the creditor's
// order; WhatsApp (Cloud API) only with an approved template outside its window, else e-mail; and
// the decision says which and why. WhatsApp is an in-memory adapter with the Cloud API's 24-hour
// window; e-mail is a real SMTP server on loopback.

const MONDAY_10H = new Date('2026-11-23T13:00:00Z');

class CloudLikeWhatsApp extends FakeChannelAdapter {
  readonly serviceWindowMs = 24 * 3_600_000;
}

describe('the debtor’s preferred channel', () => {
  const smtp = new FakeSmtpServer();
  const wa = new CloudLikeWhatsApp('whatsapp');
  let t: TestApp;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  let n = 0;

  /** A debtor with a phone and an e-mail, and the preferred_channel column as given. */
  async function importDebtor(preferred = '') {
    n++;
    const base = `${String(40_000_000 + (process.pid % 10_000) * 100 + n).slice(-8)}0001`;
    const cnpj = base + cnpjCheckDigits(base);
    const phone = `+55219${String(20_000_000 + n).slice(-8)}`;
    const email = `financeiro${n}@cliente${n}.com.br`;
    const csv = `cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,preferred_channel\n${cnpj},Cliente ${n} Ltda,Rita,${phone},${email},NF-${90_000 + n},1500.00,2026-09-01,${preferred}\n`;
    const r = await t.api('POST', '/api/admin/portfolio/import', csv, { ...admin, 'content-type': 'text/csv' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const debtor = await t.app.database.prisma.debtor.findFirstOrThrow({ where: { cnpj }, include: { contacts: true } });
    return { cnpj, phone, email, invoice: `NF-${90_000 + n}`, debtorId: debtor.id, contact: debtor.contacts[0]! };
  }
  const notice = (cnpj: string) => t.api('POST', '/api/admin/notices', { cnpjs: [cnpj] }, admin);
  const routed = (debtorId: string) => t.app.database.prisma.contactDecision.findMany({ where: { debtorId, status: 'routed' }, orderBy: { at: 'asc' } });

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await startTestApp({
      adapters: [wa],
      env: { SMTP_URL: smtpUrl, MAIL_FROM: 'cobranca@exemplo.com.br', PUBLIC_URL: 'https://cobranca.exemplo.com.br' },
      clock: () => MONDAY_10H,
      pacer: new Pacer({}),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('sends by e-mail when WhatsApp’s window is closed and no template is mapped, and says so', async () => {
    const d = await importDebtor();
    expect((await notice(d.cnpj)).body).toEqual({ queued: 1, skipped: [] });
    const [decision] = await routed(d.debtorId);
    expect(decision).toMatchObject({ channel: 'email' });
    expect(decision!.reason).toBe('whatsapp: the 24-hour window is closed and no approved template is mapped to notice.first; email: next in the creditor’s order');
    const mails = await smtp.waitFor(1);
    expect(mails.at(-1)!.to).toEqual([d.email]);
    expect(wa.sent).toHaveLength(0);
  });

  it('sends as the mapped WhatsApp template once there is one, and honours a preference for e-mail from the import', async () => {
    const mapped = await t.api('PUT', '/api/admin/whatsapp/templates', { templates: { 'notice.first': { name: 'aviso_cobranca', language: 'pt_BR', parameters: ['creditor.name', 'notice.accessCode'] } } }, admin);
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    const d = await importDebtor();
    await notice(d.cnpj);
    expect((await routed(d.debtorId))[0]).toMatchObject({ channel: 'whatsapp', reason: 'whatsapp: first in the creditor’s order' });
    await expect.poll(() => wa.sent.length).toBe(1);
    expect(wa.sent[0]!.message.template).toMatchObject({ name: 'aviso_cobranca', parameters: ['Distribuidora Exemplo Ltda', expect.stringMatching(/^[A-Z0-9]{8}$/)] });

    const byMail = await importDebtor('E-mail');
    expect(byMail.contact.preferredChannel).toBe('email');
    const before = smtp.received.length;
    await notice(byMail.cnpj);
    expect((await routed(byMail.debtorId))[0]).toMatchObject({ channel: 'email', reason: 'email: the contact’s preferred channel' });
    expect((await smtp.waitFor(before + 1)).at(-1)!.to).toEqual([byMail.email]);
    expect(wa.sent).toHaveLength(1);
    // A column value that is no channel is refused with the line and why.
    const bad = await t.api('POST', '/api/admin/portfolio/import', 'cnpj,company_name,invoice,amount,due_date,preferred_channel\n11444777000161,X Ltda,NF-Z1,10.00,2026-09-01,fax\n', { ...admin, 'content-type': 'text/csv' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('expected one of: whatsapp, email, telegram (or empty)');
  });

  it('takes the creditor’s order and an admin’s choice for a contact, both audited', async () => {
    const order = await t.api('PUT', '/api/admin/channel-order', { order: ['email', 'whatsapp', 'telegram'] }, admin);
    expect(order.status, JSON.stringify(order.body)).toBe(200);
    expect((await t.api('GET', '/api/admin/channel-order', undefined, admin)).body).toEqual({ order: ['email', 'whatsapp', 'telegram'] });
    expect((await t.api('PUT', '/api/admin/channel-order', { order: ['email', 'email', 'telegram'] }, admin)).status).toBe(422);
    const d = await importDebtor();
    await notice(d.cnpj);
    expect((await routed(d.debtorId))[0]).toMatchObject({ channel: 'email', reason: 'email: first in the creditor’s order' });

    const other = await importDebtor();
    const set = await t.api('PUT', `/api/admin/contacts/${other.contact.id}/preferred-channel`, { channel: 'whatsapp' }, admin);
    expect(set.body).toEqual({ id: other.contact.id, preferredChannel: 'whatsapp' });
    expect((await t.api('PUT', `/api/admin/contacts/${other.contact.id}/preferred-channel`, { channel: 'fax' }, admin)).status).toBe(422);
    expect((await t.api('PUT', '/api/admin/contacts/nobody/preferred-channel', { channel: null }, admin)).status).toBe(404);
    await notice(other.cnpj);
    expect((await routed(other.debtorId))[0]).toMatchObject({ channel: 'whatsapp', reason: 'whatsapp: the contact’s preferred channel' });
    const audit = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'contact.preferred_channel', debtorId: other.debtorId } });
    expect(audit.data).toMatchObject({ contactId: other.contact.id, channel: 'whatsapp', previous: null, by: 'admin' });
    await t.api('PUT', '/api/admin/channel-order', { order: ['whatsapp', 'email', 'telegram'] }, admin);
  });

  it('e-mails the term of an agreement made on WhatsApp by a contact who prefers e-mail, and sends its reminders there', async () => {
    const d = await importDebtor('email');
    const chat = `${d.phone.slice(1)}@s.whatsapp.net`;
    const before = smtp.received.length;
    await wa.deliver({ chatId: chat, text: 'oi', senderPhone: d.phone });
    await wa.deliver({ chatId: chat, text: 'aceito', senderPhone: d.phone });
    const agreement = await t.app.database.prisma.agreement.findFirstOrThrow({ where: { debtorId: d.debtorId }, include: { installments: true } });
    // The term in the chat it was made in, and by e-mail with the PDF.
    expect(wa.textsTo(chat).at(-1)).toContain(agreement.id);
    await expect.poll(() => smtp.received.slice(before).some((m) => m.to[0] === d.email), { timeout: 10_000 }).toBe(true);
    const mail = smtp.received.slice(before).find((m) => m.to[0] === d.email)!;
    expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(mail.parsed.text).toContain(agreement.id);
    // A message about the agreement later goes to the e-mail conversation, not WhatsApp.
    const emailConv = await t.app.database.prisma.conversation.findFirstOrThrow({ where: { channel: 'email', debtorId: d.debtorId } });
    const [target] = await t.app.database.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT ${agreementMessageConversationSql('$1')} AS id`, agreement.conversationId);
    expect(target?.id).toBe(emailConv.id);
  });

  it('keeps a preference the debtor says in the chat, once verified, and asks for identity first', async () => {
    const d = await importDebtor();
    const debtor = new WebchatDebtor(t);
    await debtor.open();
    expect((await debtor.say('prefiro e-mail')).map((r) => r.key)).toEqual(['contact.preferenceNeedsIdentity']);
    await debtor.say(d.cnpj);
    expect((await debtor.say(d.invoice)).map((r) => r.key)).toContain('debt.summary');
    const state = (await debtor.status()).state;
    const saved = await debtor.say('pode me chamar no WhatsApp');
    expect(saved.map((r) => r.key)).toEqual(['contact.preferenceSaved']);
    expect(saved[0]!.text).toContain('WhatsApp');
    // The negotiation stays where it was.
    expect((await debtor.status()).state).toBe(state);
    const contact = await t.app.database.prisma.contact.findUniqueOrThrow({ where: { id: d.contact.id } });
    expect(contact.preferredChannel).toBe('whatsapp');
    const audit = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'contact.preferred_channel', debtorId: d.debtorId } });
    expect(audit.data).toMatchObject({ contactId: d.contact.id, channel: 'whatsapp', by: 'debtor', from: 'webchat' });
  });
});
