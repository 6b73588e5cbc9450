import { pino, type Logger } from 'pino';

export type { Logger };

// Personal data must never reach the logs (LGPD): known keys are censored by pino's redaction,
// and free text that slips into a log line is scrubbed of CNPJs, CPFs, phones and e-mails.
const REDACT_KEYS = ['cnpj', 'phone', 'email', 'name', 'contactName', 'companyName', 'text', 'chatId', 'password', 'token'];
const redactPaths = [...REDACT_KEYS, ...REDACT_KEYS.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'];

const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\b[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2}\b/g, '[cnpj]'],
  [/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]'],
  [/\+?\b(55)?\s?\(?\d{2}\)?\s?9?\d{4}[-\s]?\d{4}\b/g, '[phone]'],
];

export function scrubPersonalData(s: string): string {
  return PATTERNS.reduce((acc, [re, rep]) => acc.replace(re, rep), s);
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubPersonalData(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
