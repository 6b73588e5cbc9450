import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One e-mail as the server received it: the envelope, the raw message and its parsed parts. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (the smtp-server package, the nodemailer authors'): the app
 * connects, logs in and speaks SMTP to it. `refuse` makes it answer RCPT TO for an address with
 * a code, as a receiving server does for an unknown mailbox (550) or a busy one (451).
 */
export class FakeSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Address → [code, text] for RCPT TO. */
  readonly refuse = new Map<string, [number, string]>();
  private server: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onAuth: (auth, _session, cb) => (auth.username === 'cordial' && auth.password === 'secret' ? cb(null, { user: auth.username }) : cb(new Error('535 Authentication failed'))),
      onRcptTo: (address, _session, cb) => {
        const refusal = this.refuse.get(address.address.toLowerCase());
        if (!refusal) return cb();
        const err = new Error(refusal[1]) as Error & { responseCode: number };
        err.responseCode = refusal[0];
        cb(err);
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
              });
              for (const w of this.waiters.splice(0)) w();
              cb();
            })
            .catch(cb);
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://cordial:secret@127.0.0.1:${this.port}`;
  }

  /** Resolves once `n` e-mails in all have arrived (a few seconds at most, else it fails). */
  async waitFor(n: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const end = Date.now() + timeoutMs;
    while (this.received.length < n) {
      if (Date.now() > end) throw new Error(`expected ${n} e-mails, got ${this.received.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.received;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
