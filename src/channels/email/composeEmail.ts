import { formatCnpj } from '../../domain/cnpj.js';
import type { Locale } from '../../language/locale.js';
import type { ReplyOption } from '../../engine/ports.js';

// One e-mail from one outbound message: the text the outbox rendered (template or LLM rewording,
// through the guardrails) is the body of both parts; this adds only what every e-mail must carry —
// a subject, the link to the web chat, the creditor's name and CNPJ, and the way to stop.

export interface EmailParts {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeInput {
  text: string;
  options: ReplyOption[];
  /** The message's template key: it chooses the subject. */
  key?: string;
  locale: Locale;
  creditor: { name: string; cnpj: string };
  /** The web chat with a signed link (absent when the e-mail has no debtor to link to). */
  chatUrl?: string;
  unsubscribeUrl: string;
}

const SUBJECTS: Record<Locale, [prefix: string, subject: string][]> = {
  'pt-BR': [
    ['notice.', 'vamos conversar sobre um assunto financeiro'],
    ['reminder.late', 'parcela em atraso'],
    ['reminder.', 'lembrete de pagamento'],
    ['agreement.receipt', 'pagamento recebido'],
    ['agreement.settled', 'acordo quitado'],
    ['agreement.broken', 'seu acordo foi desfeito'],
    ['agreement.term', 'termo do seu acordo'],
    ['', 'sua negociação'],
  ],
  en: [
    ['notice.', "let's talk about a financial matter"],
    ['reminder.late', 'instalment overdue'],
    ['reminder.', 'payment reminder'],
    ['agreement.receipt', 'payment received'],
    ['agreement.settled', 'agreement paid in full'],
    ['agreement.broken', 'your agreement was cancelled'],
    ['agreement.term', 'your agreement'],
    ['', 'your negotiation'],
  ],
};

const WORDS: Record<Locale, { open: string; options: string; footer: (name: string, cnpj: string) => string; why: string; stop: string }> = {
  'pt-BR': {
    open: 'Conversar agora',
    options: 'Você pode responder pela conversa:',
    footer: (name, cnpj) => `${name} · CNPJ ${cnpj}`,
    why: 'Você recebe este e-mail porque o seu endereço está cadastrado como contato financeiro da sua empresa.',
    stop: 'Não quero mais receber mensagens',
  },
  en: {
    open: 'Chat now',
    options: 'You can answer in the chat:',
    footer: (name, cnpj) => `${name} · CNPJ ${cnpj}`,
    why: "You get this e-mail because your address is on file as your company's finance contact.",
    stop: 'Stop sending me messages',
  },
};

export function emailSubject(key: string | undefined, locale: Locale, creditorName: string): string {
  const subject = SUBJECTS[locale].find(([prefix]) => (key ?? '').startsWith(prefix))![1];
  return `${creditorName}: ${subject}`;
}

/** Text as HTML: the e-mail's body and the unsubscribe page never carry markup from data. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs at blank lines, line breaks kept: the text reads as it does in a chat. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function composeEmail(m: ComposeInput): EmailParts {
  const w = WORDS[m.locale];
  const footer = w.footer(m.creditor.name, formatCnpj(m.creditor.cnpj));
  const options = m.options.length ? `${w.options}\n${m.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}` : '';

  const text = [m.text, options, m.chatUrl ? `${w.open}: ${m.chatUrl}` : '', `--\n${footer}\n${w.why}\n${w.stop}: ${m.unsubscribeUrl}`].filter(Boolean).join('\n\n');

  const button = m.chatUrl
    ? `<p style="margin:20px 0"><a href="${escapeHtml(m.chatUrl)}" style="background:#0b5cad;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(w.open)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><title>${escapeHtml(emailSubject(m.key, m.locale, m.creditor.name))}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:600px">
${paragraphs(m.text)}
${options ? paragraphs(options) : ''}
${button}
<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px">
<p style="font-size:12px;color:#555555;margin:0 0 6px">${escapeHtml(footer)}</p>
<p style="font-size:12px;color:#555555;margin:0 0 6px">${escapeHtml(w.why)} <a href="${escapeHtml(m.unsubscribeUrl)}" style="color:#555555">${escapeHtml(w.stop)}</a></p>
</body></html>`;
  return { subject: emailSubject(m.key, m.locale, m.creditor.name), text, html };
}
