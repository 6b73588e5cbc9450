import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { scrubPersonalData } from '../domain/redact.js';

export { scrubPersonalData };

export type { Logger };

// Personal data must never reach the logs (LGPD): known keys are censored by pino's redaction,
// and free text that slips into a log line is scrubbed of CNPJs, CPFs, phones and e-mails.
const REDACT_KEYS = ['cnpj', 'phone', 'email', 'name', 'contactName', 'companyName', 'text', 'chatId', 'password', 'token'];
const redactPaths = [...REDACT_KEYS, ...REDACT_KEYS.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'];

/** A terminal gets readable lines; anything else (a file, a log collector) gets JSON. */
export function prettyDestination(format: 'auto' | 'json' | 'pretty'): pino.DestinationStream | undefined {
  if (format === 'json' || (format === 'auto' && !process.stdout.isTTY)) return undefined;
  return pinoPretty({ colorize: !!process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
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
