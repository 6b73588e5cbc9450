import { z } from 'zod';
import { CordialError } from '../domain/errors.js';

// Every variable here is documented in .env.example with its default.
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

export const MIN_ADMIN_TOKEN_LENGTH = 32;

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString.refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// URL'),
  // PostgreSQL: how long a starting replica waits for another one's migration run before it gives up.
  MIGRATION_LOCK_WAIT_MS: positiveInt(600_000),
  // Whoever has it is an admin: long enough that guessing is hopeless (the generated one is 32).
  ADMIN_TOKEN: optionalString.refine((v) => !v || v.length >= MIN_ADMIN_TOKEN_LENGTH, {
    message: `at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. the output of: openssl rand -base64 32), or unset to have one generated`,
  }),
  // The key audit checkpoints are signed with (HMAC-SHA256); unset, one is generated and kept in
  // DATA_DIR. Several replicas must share one. Not in the database: whoever can rewrite the
  // database must not be able to sign for a trail cut short.
  AUDIT_CHECKPOINT_SECRET: optionalString.refine((v) => !v || v.length >= MIN_ADMIN_TOKEN_LENGTH, {
    message: `at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. the output of: openssl rand -base64 32), or unset to have one generated`,
  }),
  // How often a signed checkpoint of every audit stream's head is written (by one replica): a
  // stream's newest events can be cut without a trace until the next checkpoint covers them.
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt(300_000),
  // Behind a TLS-terminating proxy: believe its X-Forwarded-For / X-Forwarded-Proto so the client
  // address (rate limits, audit) and the session cookie's Secure flag are right. Off by default:
  // without a proxy those headers come from the client and must not be believed. Best: the
  // proxies' addresses/CIDRs (or loopback, uniquelocal); true trusts whoever connects (only when
  // nothing but the proxy can reach the port). Hop counts are not taken: fastify refuses them.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): boolean | string => {
      const t = v.trim();
      if (t === '' || t === 'false' || t === '0') return false;
      if (t === 'true') return true;
      const addr = '(?:[0-9a-fA-F.:]+(?:/\\d{1,3})?|loopback|linklocal|uniquelocal)';
      if (new RegExp(`^${addr}(?:\\s*,\\s*${addr})*$`).test(t) && !/^\d+$/.test(t)) return t;
      ctx.addIssue({ code: 'custom', message: 'false, true, or the proxies\' addresses/CIDRs, comma-separated (e.g. 10.0.0.0/8 or loopback)' });
      return z.NEVER;
    }),
  // The PIX webhook (POST /api/payments/pix): the secret the PSP sends as X-Webhook-Secret or
  // ?secret= in the registered URL. Unset: the webhook is off (404).
  PIX_WEBHOOK_SECRET: optionalString.refine((v) => !v || /^[A-Za-z0-9_.~-]{16,256}$/.test(v), '16–256 characters of A–Z a–z 0–9 _ . ~ - (it goes in a URL)'),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  // Set both for webhook mode (Telegram POSTs to TELEGRAM_WEBHOOK_URL, which must reach /telegram/webhook).
  TELEGRAM_WEBHOOK_URL: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => !v || /^[A-Za-z0-9_-]{1,256}$/.test(v), '1–256 characters of A–Z a–z 0–9 _ -'),
  // PostgreSQL: how often a replica that does not hold Telegram polling / the WhatsApp socket checks whether it is free.
  CHANNEL_LOCK_RETRY_MS: positiveInt(5000),
  WHATSAPP_ENABLED: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WHATSAPP_AUTH_DIR: z.string().default('./data/whatsapp-auth'),
  // Pair by an 8-digit code typed on this phone instead of scanning the QR code.
  WHATSAPP_PAIRING_PHONE: optionalString,
  // baileys: WhatsApp Web through Baileys (WHATSAPP_ENABLED turns it on). cloud: Meta's official
  // WhatsApp Business Platform (Cloud API) through its webhook; the four WHATSAPP_CLOUD_* below are then required.
  WHATSAPP_PROVIDER: z.enum(['baileys', 'cloud']).default('baileys'),
  WHATSAPP_CLOUD_TOKEN: optionalString,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalString.refine((v) => !v || /^\d{1,30}$/.test(v), 'the phone number id: digits'),
  // Signs every webhook call (X-Hub-Signature-256); a call without the right signature is refused (401).
  WHATSAPP_CLOUD_APP_SECRET: optionalString,
  // What Meta echoes in the verification handshake (GET /whatsapp/webhook?hub.verify_token=…).
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalString,
  // The Graph API with its version; tests point it at a fake server on loopback.
  WHATSAPP_CLOUD_API_ROOT: z.string().url().default('https://graph.facebook.com/v23.0'),
  // The number's messaging tier: chats it may start conversations with by template in any 24 h
  // (250 for a new number; Meta raises it with quality and volume). Past it, templates to new chats wait.
  WHATSAPP_DAILY_LIMIT: positiveInt(250),
  // E-mail (outbound): an smtp:// or smtps:// URL with the login, e.g. smtps://user:pass@smtp.example.com:465.
  // Unset: no e-mail. MAIL_FROM and PUBLIC_URL are then required.
  SMTP_URL: optionalString.refine((v) => !v || /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
  // The sender, e.g. "Cobrança Exemplo <cobranca@exemplo.com.br>".
  MAIL_FROM: optionalString,
  // Where debtors' replies to an e-mail go (the collection team's inbox); unset: MAIL_FROM.
  MAIL_REPLY_TO: optionalString,
  // Where debtors reach this server (the web chat): e-mails link to {PUBLIC_URL}/?t=<token>.
  PUBLIC_URL: optionalString.refine((v) => !v || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s):// URL'),
  // How long an e-mail's link to the web chat works (it is the second identity factor meanwhile).
  MAIL_LINK_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: positiveInt(8000),
  // Tokens one conversation may spend on rephrasing per day (UTC); past it, templates are sent as they are.
  LLM_TOKEN_BUDGET: positiveInt(20000),
  // Links an LLM text may contain (comma-separated); any other link makes the template go out instead.
  LLM_ALLOWED_LINKS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  TZ_DEFAULT: z.string().default('America/Sao_Paulo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines on a terminal, JSON otherwise (log collectors, CI).
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // Load shedding: past either limit new requests get 503 + Retry-After (0 turns a check off); /healthz always answers.
  // The event loop check is off by default: on a shared machine it also trips on other processes' load.
  MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().min(0).default(64),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(0),
  WEBCHAT_MESSAGES_PER_MINUTE: positiveInt(30),
  // Web chat messages per client address per minute, all sessions together (an office behind one
  // NAT address chats in several sessions at once, hence well above the per-session limit).
  WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: positiveInt(120),
  WEBCHAT_SESSIONS_PER_MINUTE: positiveInt(20),
  // How often background chores run: outbox retries, handoffs' waiting messages, interrupted hand-backs.
  JOBS_INTERVAL_MS: positiveInt(5000),
  // Several processes on one database: how long one's claim on a chore, an outbound row or an
  // unfinished turn holds; an inbound message unprocessed for longer is finished by any process.
  LEASE_MS: positiveInt(30000),
  // Days after a conversation's last message when its personal data (texts, attachments, address)
  // is erased; agreements and amounts stay. 1825 = 5 years: the limitation period for collecting
  // debts evidenced by a written instrument (Código Civil art. 206 §5º I), during which the
  // conversation may be needed as evidence.
  RETENTION_DAYS: positiveInt(1825),
  // Hours after which an abandoned web chat session nobody was identified in (no debtor) is
  // erased: an anonymous visitor's words have no reason to stay for RETENTION_DAYS.
  WEBCHAT_UNVERIFIED_RETENTION_HOURS: positiveInt(24),
  // The creditor the embedded default serves (a demo creditor until an operator sets these).
  CREDITOR_NAME: z.string().default('Distribuidora Exemplo Ltda'),
  CREDITOR_CNPJ: z.string().default('11222333000181'),
  CREDITOR_PIX_KEY: z.string().default('financeiro@exemplo.com.br'),
  CREDITOR_PIX_CITY: z.string().default('SAO PAULO'),
  DEMO_DATA: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof ConfigSchema>;

function crossCheck(c: Config): string[] {
  const errors: string[] = [];
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) errors.push('  TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL');
  if (c.SMTP_URL) {
    for (const k of ['MAIL_FROM', 'PUBLIC_URL'] as const) if (!c[k]) errors.push(`  ${k}: required with SMTP_URL`);
  }
  if (c.WHATSAPP_PROVIDER === 'cloud') {
    for (const k of ['WHATSAPP_CLOUD_TOKEN', 'WHATSAPP_CLOUD_PHONE_NUMBER_ID', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN'] as const) {
      if (!c[k]) errors.push(`  ${k}: required with WHATSAPP_PROVIDER=cloud`);
    }
  }
  return errors;
}

export class ConfigError extends CordialError<'CONFIG_INVALID'> {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const errors = crossCheck(parsed.data);
  if (errors.length) throw new ConfigError(`Invalid configuration:\n${errors.join('\n')}`);
  return parsed.data;
}
