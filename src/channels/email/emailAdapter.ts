import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Locale } from '../../language/locale.js';
import { chatLinkExpiry, checkLink, signLink } from '../../domain/signedLink.js';
import type { MailContacts } from '../../engine/mailContacts.js';
import type { ChannelAdapter, InboundHandler, OutboundChannelMessage } from '../channelPort.js';
import { composeEmail } from './composeEmail.js';
import { smtpSendError, type SmtpError } from './smtpSendError.js';
import { unsubscribePage } from './unsubscribePage.js';

export interface EmailAdapterOptions {
  transport: Pick<Transporter, 'sendMail' | 'close'>;
  from: string;
  replyTo?: string;
  /** Where debtors reach the server (PUBLIC_URL): the links in each e-mail start with it. */
  publicUrl: string;
  creditor: { name: string; cnpj: string };
  contacts: MailContacts;
  /** Signs and checks the links (see src/domain/signedLink.ts). */
  linkKey: Buffer;
  chatLinkTtlDays?: number;
  clock?: () => Date;
}

export const EMAIL = 'email';
const UNSUBSCRIBE_PATH = '/email/unsubscribe';

/**
 * E-mail over SMTP (nodemailer), outbound only: debtors answer in the web chat the e-mail links to
 * (a signed link, the second identity factor), and replies to the e-mail itself reach the
 * collection team's inbox (MAIL_REPLY_TO). The chat id is the address, lower case.
 */
export class EmailAdapter implements ChannelAdapter {
  readonly channel = EMAIL;
  /** A document goes in the same e-mail as its text, as an attachment. */
  readonly attachesDocuments = true;

  constructor(private readonly o: EmailAdapterOptions) {}

  async start(_onMessage: InboundHandler): Promise<void> {}

  async stop(): Promise<void> {
    this.o.transport.close();
  }

  async send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }> {
    const to = chatId.toLowerCase();
    const who = await this.o.contacts.recipient(to);
    const now = (this.o.clock ?? (() => new Date()))();
    const unsubscribeUrl = who?.contactId ? this.url(UNSUBSCRIBE_PATH, signLink({ purpose: 'unsubscribe', debtorId: who.debtorId ?? '', contactId: who.contactId }, this.o.linkKey)) : undefined;
    const chatUrl = who?.debtorId
      ? this.url('/', signLink({ purpose: 'chat', debtorId: who.debtorId, contactId: who.contactId, expiresAt: chatLinkExpiry(now, this.o.chatLinkTtlDays) }, this.o.linkKey))
      : undefined;
    const locale: Locale = message.locale ?? 'pt-BR';
    // Without a contact there is nobody to opt out: the link then opens the chat, which takes "PARAR".
    const parts = composeEmail({ text: message.text, options: message.options, key: message.key, locale, creditor: this.o.creditor, chatUrl, unsubscribeUrl: unsubscribeUrl ?? this.url('/', '') });
    try {
      const info = (await this.o.transport.sendMail({
        from: this.o.from,
        to,
        ...(this.o.replyTo ? { replyTo: this.o.replyTo } : {}),
        subject: parts.subject,
        text: parts.text,
        html: parts.html,
        // RFC 2369 and RFC 8058: mail clients show "unsubscribe", and a POST to it opts out at once.
        headers: unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
        attachments: message.document ? [{ filename: message.document.fileName, content: message.document.bytes, contentType: message.document.mimeType }] : [],
      })) as { messageId?: string };
      return { messageId: info.messageId ?? '' };
    } catch (err) {
      const failure = smtpSendError(err as SmtpError);
      if (failure.hardBounce) await this.o.contacts.markUnusable(to, failure.error.message);
      throw failure.error;
    }
  }

  registerRoutes(server: FastifyInstance): void {
    const optOut = async (token: string | undefined, via: 'email_link' | 'one_click', reply: FastifyReply) => {
      const check = checkLink(token ?? '', 'unsubscribe', this.o.linkKey, new Date());
      const done = check.ok && check.claims.contactId ? await this.o.contacts.optOut(check.claims.contactId, via) : false;
      return reply.status(done ? 200 : 400).type('text/html; charset=utf-8').send(unsubscribePage(done ? 'done' : 'invalid', this.o.creditor.name));
    };
    // The link in the e-mail opens a page with one button: a GET changes nothing, because mail
    // scanners open every link of an incoming e-mail and would opt everyone out.
    server.get<{ Querystring: { t?: string } }>(UNSUBSCRIBE_PATH, async (req, reply) => {
      const check = checkLink(req.query.t ?? '', 'unsubscribe', this.o.linkKey, new Date());
      return reply.status(check.ok ? 200 : 400).type('text/html; charset=utf-8').send(unsubscribePage(check.ok ? 'confirm' : 'invalid', this.o.creditor.name, req.query.t));
    });
    // The page's button and the mail client's one-click POST (body "List-Unsubscribe=One-Click").
    server.register(async (scope) => {
      // Whatever the client sends (a form, the one-click body, nothing): the token is in the query.
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => done(null, body));
      scope.post<{ Querystring: { t?: string } }>(UNSUBSCRIBE_PATH, { config: { textBody: true } }, async (req, reply) => optOut(req.query.t, String(req.body ?? '').includes('List-Unsubscribe=One-Click') ? 'one_click' : 'email_link', reply));
    });
  }

  private url(path: string, token: string): string {
    const base = this.o.publicUrl.replace(/\/+$/, '');
    return token ? `${base}${path}?t=${encodeURIComponent(token)}` : `${base}${path}`;
  }
}
