import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The WhatsApp Cloud API's webhook as Meta sends it: an envelope of entries and changes, each
// change's value carrying `messages` (what users sent) and/or `statuses` (what became of ours).
// Only the fields the adapter reads are declared; everything else passes through unread.

const media = z.object({ id: z.string(), mime_type: z.string().optional(), sha256: z.string().optional(), caption: z.string().optional(), filename: z.string().optional() });

export const CloudMessageSchema = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  /** A template's quick-reply button. */
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  image: media.optional(),
  document: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  sticker: media.optional(),
  contacts: z.array(z.object({ phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional() })).optional() })).optional(),
  /** Set when the message was sent in a group (the Groups API): never answered. */
  group_id: z.string().optional(),
});
export type CloudMessage = z.infer<typeof CloudMessageSchema>;

export const CloudStatusSchema = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() })).optional(),
});
export type CloudStatus = z.infer<typeof CloudStatusSchema>;

export const CloudWebhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            metadata: z.object({ phone_number_id: z.string() }).optional(),
            contacts: z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
            messages: z.array(z.unknown()).optional(),
            statuses: z.array(z.unknown()).optional(),
          }),
        }),
      ),
    }),
  ),
});
export type CloudWebhook = z.infer<typeof CloudWebhookSchema>;

/** A webhook timestamp (Unix seconds, as a string) as a date; now when it is missing or not one. */
export function cloudTime(timestamp: string | undefined): Date {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/**
 * Whether `header` (X-Hub-Signature-256: "sha256=<hex>") is the HMAC-SHA256 of the raw body under
 * the app secret. Compared in constant time; anything malformed is simply false.
 */
export function validSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

/** The header Meta would send for `rawBody` (tests and the fake Graph server sign with it). */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
