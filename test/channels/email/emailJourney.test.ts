import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLink, linkKeyFrom, signLink } from '../../../src/domain/signedLink.js';
import { Pacer } from '../../../src/jobs/pacer.js';
import { WebchatDebtor, expectNoDisclosure } from '../../helpers/chat.js';
import { seedDebtorWithContact } from '../../helpers/debtorWithContact.js';
import { FakeSmtpServer, type ReceivedMail } from '../../helpers/fakeSmtpServer.js';
import { TEST_ADMIN_TOKEN, TEST_AUDIT_CHECKPOINT_SECRET, startTestApp, type TestApp } from '../../helpers/testApp.js';

// E-mail end to end: a real SMTP server on loopback receives what the app sends through
// nodemailer; the debtor follows the e-mail's link into the web chat and is asked only for the CNPJ.

const MONDAY_10H = new Date('2026-11-23T13:00:00Z');
const PUBLIC_URL = 'https://cobranca.exemplo.com.br';

describe('e-mail channel (SMTP on loopback)', () => {
  const smtp = new FakeSmtpServer();
  let t: TestApp;
  let now = MONDAY_10H;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const notice = (cnpj: string) => t.api('POST', '/api/admin/notices', { cnpjs: [cnpj] }, admin);
  const audit = (type: string) => t.app.database.prisma.auditEvent.findMany({ where: { type }, orderBy: { at: 'asc' } });
  /** The web chat link of an e-mail, and its token. */
  const chatLink = (mail: ReceivedMail) => {
    const url = new URL(/https:\/\/cobranca\.exemplo\.com\.br\/\?t=[^\s"<>]+/.exec(mail.parsed.text ?? '')![0]);
    return { url, token: url.searchParams.get('t')! };
  };

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await startTestApp({
      env: { SMTP_URL: smtpUrl, MAIL_FROM: 'Cobrança Exemplo <cobranca@exemplo.com.br>', MAIL_REPLY_TO: 'equipe.cobranca@exemplo.com.br', PUBLIC_URL },
      clock: () => now,
      pacer: new Pacer({}),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('e-mails a notice with both parts, the creditor, the unsubscribe headers and a chat link that asks only for the CNPJ', async () => {
    const d = await seedDebtorWithContact(t);
    const r = await notice(d.cnpj);
    expect(r.body).toEqual({ queued: 1, skipped: [] });
    const [mail] = await smtp.waitFor(1);
    const m = mail!;
    expect(m.to).toEqual([d.email]);
    expect(m.from).toBe('cobranca@exemplo.com.br');
    expect(m.parsed.replyTo?.text).toBe('equipe.cobranca@exemplo.com.br');
    expect(m.parsed.subject).toBe('Distribuidora Exemplo Ltda: vamos conversar sobre um assunto financeiro');
    // RFC 2369 / RFC 8058 one-click unsubscribe.
    const headers = m.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/cobranca\.exemplo\.com\.br\/email\/unsubscribe\?t=[\w.-]+>\r?$/m);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    for (const part of [m.parsed.text!, m.parsed.html as string]) {
      expect(part).toContain('Distribuidora Exemplo Ltda');
      expect(part).toContain('11.222.333/0001-81');
      expect(part).not.toMatch(/R\$\s?\d/);
    }
    // The e-mail's own wording: a button and a link instead of "reply STOP".
    expect(m.parsed.text).toContain('use o botão abaixo');
    expect(m.parsed.text).not.toContain('PARAR');
    const { url, token } = chatLink(m);
    expect(m.parsed.html).toContain(`href="${url.href.replace(/&/g, '&amp;')}"`);
    // The token names this debtor, for seven days.
    const claims = checkLink(token, 'chat', linkKeyFrom(TEST_AUDIT_CHECKPOINT_SECRET), now);
    expect(claims).toMatchObject({ ok: true, claims: { debtorId: d.debtorId, contactId: d.contactId, expiresAt: Math.floor(now.getTime() / 1000) + 7 * 86_400 } });
    // The message row records the send: sent, with the SMTP message id.
    const noticeRow = () => t.app.database.prisma.message.findFirstOrThrow({ where: { channel: 'email', templateKey: 'notice.first', conversation: { debtorId: d.debtorId } } });
    // Marked sent just after the server took it.
    await expect.poll(async () => (await noticeRow()).delivery).toBe('sent');
    const row = await noticeRow();
    expect(row.platformMessageId).toMatch(/@/);
    // Which channel and why, in the decisions.
    const routed = await t.app.database.prisma.contactDecision.findFirstOrThrow({ where: { messageId: row.id, status: 'routed' } });
    expect(routed.channel).toBe('email');
    expect(routed.reason).toContain('email');

    // The link opens the web chat: only the CNPJ is asked, and it is enough.
    const debtor = new WebchatDebtor(t);
    const opening = await debtor.open(undefined, token);
    expect(opening.map((x) => x.key)).toEqual(['welcome.signedLink']);
    expectNoDisclosure(opening);
    expect((await audit('identity.link_used')).at(-1)).toMatchObject({ debtorId: d.debtorId });
    const verified = await debtor.say(d.cnpj);
    expect(verified.map((x) => x.key)).toContain('debt.summary');
    expect((await audit('identity.verified')).at(-1)!.data).toMatchObject({ debtorId: d.debtorId, method: 'cnpj_and_link' });

    // An agreement: its term goes by e-mail too, as a PDF attachment.
    const accepted = await debtor.say('aceito');
    expect(accepted.map((x) => x.key)).toContain('agreement.term');
    const mails = await smtp.waitFor(2);
    const term = mails[1]!;
    expect(term.to).toEqual([d.email]);
    expect(term.parsed.subject).toBe('Distribuidora Exemplo Ltda: termo do seu acordo');
    expect(term.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([[expect.stringMatching(/\.pdf$/), 'application/pdf']]);
    expect(term.parsed.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(term.parsed.text).toMatch(/R\$\s?\d/);

    // The web chat cannot reach a person who left the page: the agreement's reminders go by e-mail.
    const agreement = await t.app.database.prisma.agreement.findFirstOrThrow({ where: { debtorId: d.debtorId }, include: { installments: true } });
    expect((await t.app.database.prisma.conversation.findUniqueOrThrow({ where: { id: agreement.conversationId } })).channel).toBe('webchat');
    const due = agreement.installments[0]!.dueDate;
    now = new Date(`${due}T13:00:00Z`); // 10:00 in São Paulo on the due date
    await t.app.chores();
    const reminder = (await smtp.waitFor(3))[2]!;
    expect(reminder.to).toEqual([d.email]);
    expect(reminder.parsed.subject).toBe('Distribuidora Exemplo Ltda: lembrete de pagamento');
    expect((await audit('agreement.message_queued')).at(-1)!.data).toMatchObject({ agreementId: agreement.id, agreementConversationId: agreement.conversationId });
  });

  it('treats a wrong, expired or other debtor’s link as no link at all, and says nothing about whose it was', async () => {
    const d = await seedDebtorWithContact(t);
    const other = await seedDebtorWithContact(t);
    const key = linkKeyFrom(TEST_AUDIT_CHECKPOINT_SECRET);
    const expired = signLink({ purpose: 'chat', debtorId: d.debtorId, contactId: d.contactId, expiresAt: Math.floor(now.getTime() / 1000) - 1 }, key);
    const forged = signLink({ purpose: 'chat', debtorId: d.debtorId, contactId: d.contactId }, Buffer.alloc(32, 7));
    const unsubscribeToken = signLink({ purpose: 'unsubscribe', debtorId: d.debtorId, contactId: d.contactId }, key);
    for (const [token, reason] of [['not-a-token', 'malformed'], [expired, 'expired'], [forged, 'bad_signature'], [unsubscribeToken, 'wrong_purpose']] as const) {
      const debtor = new WebchatDebtor(t);
      const opening = await debtor.open(undefined, token);
      expect(opening.map((x) => x.key)).toEqual(['welcome']);
      expect((await audit('identity.link_refused')).at(-1)!.data).toEqual({ purpose: 'chat', reason });
    }
    // A valid link with another company's CNPJ: not verified, and counted as a failed attempt.
    const link = signLink({ purpose: 'chat', debtorId: d.debtorId, contactId: d.contactId, expiresAt: Math.floor(now.getTime() / 1000) + 3600 }, key);
    const debtor = new WebchatDebtor(t);
    await debtor.open(undefined, link);
    const replies = await debtor.say(other.cnpj);
    expect(replies.map((x) => x.key)).toEqual(['identify.failed']);
    expectNoDisclosure(replies);
    expect((await audit('identity.failed')).at(-1)!.data).toMatchObject({ attempt: 1, failures: 1 });
  });

  it('opts the contact out from the link (a page, then one click) and from the mail client’s one-click POST', async () => {
    const d = await seedDebtorWithContact(t);
    const key = linkKeyFrom(TEST_AUDIT_CHECKPOINT_SECRET);
    const token = signLink({ purpose: 'unsubscribe', debtorId: d.debtorId, contactId: d.contactId }, key);
    const page = await fetch(`${t.url}/email/unsubscribe?t=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="unsubscribe-confirm"');
    // Opening the link (a mail scanner does) changes nothing.
    const contact = () => t.app.database.prisma.contact.findUniqueOrThrow({ where: { id: d.contactId } });
    expect((await contact()).optedOutAt).toBeNull();
    const post = await fetch(`${t.url}/email/unsubscribe?t=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('data-testid="unsubscribe-done"');
    expect((await contact()).optedOutAt).not.toBeNull();
    expect((await audit('contact.opted_out')).at(-1)).toMatchObject({ debtorId: d.debtorId, data: { contactId: d.contactId, channel: 'email', via: 'one_click' } });
    // And no notice goes to that contact any more.
    expect((await notice(d.cnpj)).body).toEqual({ queued: 0, skipped: [{ cnpj: d.cnpj, reason: 'opted out' }] });
    // A tampered link: 400, nothing changed, nothing said about whose it was.
    const bad = await fetch(`${t.url}/email/unsubscribe?t=${encodeURIComponent(token.slice(0, -2) + 'xx')}`, { method: 'POST', body: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('data-testid="unsubscribe-invalid"');
  });

  it('marks an address a server refuses for good as unusable, and retries one refused for now', async () => {
    const gone = await seedDebtorWithContact(t);
    smtp.refuse.set(gone.email, [550, '5.1.1 <' + gone.email + '>: user unknown']);
    const before = smtp.received.length;
    expect((await notice(gone.cnpj)).body.queued).toBe(1);
    const row = () => t.app.database.prisma.message.findFirstOrThrow({ where: { channel: 'email', conversation: { debtorId: gone.debtorId } } });
    await expect.poll(async () => (await row()).delivery, { timeout: 10_000 }).toBe('failed');
    expect((await row()).lastError).toMatch(/^forbidden: SMTP 550 at RCPT TO/);
    // The address is personal data: not in the error kept on the row.
    expect((await row()).lastError).not.toContain(gone.email);
    const contact = await t.app.database.prisma.contact.findUniqueOrThrow({ where: { id: gone.contactId } });
    expect(contact.emailUnusableAt).not.toBeNull();
    expect((await audit('contact.email_unusable')).at(-1)).toMatchObject({ debtorId: gone.debtorId, data: { contactId: gone.contactId } });
    // The next notice says why it cannot go.
    const again = await notice(gone.cnpj);
    expect(again.body.skipped[0].reason).toMatch(/email: the address bounced \(SMTP 550 at RCPT TO: 550 5\.1\.1 <address>: user unknown\)/);

    const busy = await seedDebtorWithContact(t);
    smtp.refuse.set(busy.email, [451, '4.7.1 try again later']);
    expect((await notice(busy.cnpj)).body.queued).toBe(1);
    const busyRow = () => t.app.database.prisma.message.findFirstOrThrow({ where: { channel: 'email', conversation: { debtorId: busy.debtorId } } });
    await expect.poll(async () => (await busyRow()).attempts, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await busyRow()).toMatchObject({ delivery: 'pending' });
    expect((await busyRow()).lastError).toMatch(/SMTP 451/);
    expect((await t.app.database.prisma.contact.findUniqueOrThrow({ where: { id: busy.contactId } })).emailUnusableAt).toBeNull();
    // Once the server takes it, the retry delivers it, once.
    smtp.refuse.delete(busy.email);
    await t.app.database.prisma.message.updateMany({ where: { id: (await busyRow()).id }, data: { notBefore: null } });
    await t.app.chores();
    await expect.poll(async () => (await busyRow()).delivery, { timeout: 10_000 }).toBe('sent');
    expect(smtp.received.slice(before).filter((m) => m.to[0] === busy.email)).toHaveLength(1);
  });
});
