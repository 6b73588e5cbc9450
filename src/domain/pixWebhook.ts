// The body a PSP POSTs to our PIX webhook, in the Banco Central Pix API format (bacen/pix-api
// openapi.yaml: the callback "{webhookUrl}/pix" and components.schemas.Pix):
//   {"pix":[{"endToEndId":"E…","txid":"…","valor":"4195.84","horario":"2026-12-05T13:00:00.000Z","infoPagador":"…"}]}
// parsed into payments in integer cents. Whole body or nothing: one bad item refuses the body
// (the route answers 400 and the PSP redelivers once fixed), so nothing is half-recorded.
//
// Field rules, from the BCB schema, and where we chose:
// - endToEndId (required): 32 letters/digits (schema EndToEndId). We also require the leading
//   "E": a received Pix is a pacs.008, whose id starts with E (D is a devolução's). It is the
//   idempotency key, kept exactly as sent.
// - txid (optional in the schema: a Pix to a bare key or a static QR code has none): letters/
//   digits, 1–35 — the Pix object's own pattern, not cob's 26–35, because our static BR Codes carry
//   txids of up to 25 characters (pixBrCode.ts). Absent or null -> null: the payment is kept as
//   unmatched, never dropped.
// - valor (required): a string \d{1,10}\.\d{2}, converted to cents from its digits (no float ever
//   holds it); 0.00 and negatives are refused — a payment of nothing is a malformed notification.
// - horario (required): RFC 3339 with an offset (rfc3339.ts).
// - infoPagador (optional): the payer's free text, at most 140 characters in the schema; longer
//   text is cut at 140 rather than refusing a real payment over a note.
// - Other fields (chave, componentesValor, devolucoes, PSP extras such as gnExtras) are allowed
//   and ignored: PSPs add them, and refusing them would turn every notification into a retry loop.
// - The same endToEndId twice in one body: an exact repeat is collapsed; a repeat with another
//   txid, valor or horario is refused (one of them is wrong and we cannot tell which).
// - {"pix": []} is a valid, empty notification.

import { z } from 'zod';
import { toFieldErrors } from './escalationRules.js';
import { parseRfc3339 } from './rfc3339.js';

export interface PixPayment {
  endToEndId: string;
  /** The txid of the charge paid; null for a Pix without one (kept as unmatched). */
  txid: string | null;
  amountCents: number;
  paidAt: Date;
  payerInfo?: string;
}

export type PixWebhookError = { field: string; message: string };

export const PAYER_INFO_MAX = 140;

const END_TO_END_ID = /^E[A-Za-z0-9]{31}$/;
const TXID = /^[A-Za-z0-9]{1,35}$/;
const VALOR = /^(\d{1,10})\.(\d{2})$/;

/** "4195.84" -> 419584; null unless exactly \d{1,10}\.\d{2} (the BCB format). May return 0. */
export function pixAmountToCents(valor: string): number | null {
  const m = VALOR.exec(valor);
  // At most 10 integer digits: 9 999 999 999 99 cents, far below 2^53.
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

function text(what: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? 'required' : `must be ${what}`) });
}

const PixItemSchema = z.object(
  {
    endToEndId: text('a string').regex(END_TO_END_ID, { error: 'must be 32 letters and digits starting with E' }),
    txid: text('a string').regex(TXID, { error: 'must be 1 to 35 letters and digits' }).nullish(),
    valor: text('a string like "4195.84"').superRefine((v, ctx) => {
      const cents = pixAmountToCents(v);
      if (cents === null) {
        const message = /^-\d/.test(v.trim()) ? 'must be greater than 0.00' : 'must be an amount with 2 decimals like "4195.84"';
        ctx.addIssue({ code: 'custom', message });
      } else if (cents === 0) ctx.addIssue({ code: 'custom', message: 'must be greater than 0.00' });
    }),
    horario: text('an RFC 3339 date-time').refine((v) => parseRfc3339(v) !== null, {
      error: 'must be an RFC 3339 date-time with an offset, like "2026-12-05T13:00:00.000Z"',
    }),
    infoPagador: text('a string').nullish(),
  },
  { error: (issue) => (issue.input === undefined ? 'required' : 'must be an object') },
);

export const PixWebhookSchema = z.object(
  {
    pix: z.array(PixItemSchema, { error: (issue) => (issue.input === undefined ? 'required' : 'must be a list') }),
  },
  { error: () => 'must be a JSON object like {"pix":[…]}' },
);

function toPayment(item: z.infer<typeof PixItemSchema>): PixPayment {
  const payment: PixPayment = {
    endToEndId: item.endToEndId,
    txid: item.txid ?? null,
    amountCents: pixAmountToCents(item.valor)!,
    paidAt: parseRfc3339(item.horario)!,
  };
  if (item.infoPagador != null && item.infoPagador !== '') payment.payerInfo = [...item.infoPagador].slice(0, PAYER_INFO_MAX).join('');
  return payment;
}

/** The payments a webhook body notifies, or every problem in it (field paths like "pix.2.valor"). */
export function parsePixWebhook(body: unknown): { ok: true; payments: PixPayment[] } | { ok: false; errors: PixWebhookError[] } {
  const result = PixWebhookSchema.safeParse(body);
  if (!result.success) return { ok: false, errors: toFieldErrors(result.error.issues) };
  const payments: PixPayment[] = [];
  const first = new Map<string, { index: number; payment: PixPayment }>();
  const errors: PixWebhookError[] = [];
  result.data.pix.forEach((item, index) => {
    const payment = toPayment(item);
    const seen = first.get(payment.endToEndId);
    if (!seen) {
      first.set(payment.endToEndId, { index, payment });
      payments.push(payment);
    } else if (
      seen.payment.txid !== payment.txid ||
      seen.payment.amountCents !== payment.amountCents ||
      seen.payment.paidAt.getTime() !== payment.paidAt.getTime()
    ) {
      errors.push({ field: `pix.${index}.endToEndId`, message: `repeats pix.${seen.index} with a different txid, valor or horario` });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, payments };
}
