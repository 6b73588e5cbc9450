import nodemailer from 'nodemailer';
import type { Config } from '../../config/config.js';
import { EmailAdapter, type EmailAdapterOptions } from './emailAdapter.js';

/** The e-mail channel of SMTP_URL (null when unset): built by the app, which has the database it needs. */
export function emailAdapterFromConfig(config: Config, deps: Pick<EmailAdapterOptions, 'creditor' | 'contacts' | 'linkKey' | 'clock'>): EmailAdapter | null {
  if (!config.SMTP_URL) return null;
  return new EmailAdapter({
    ...deps,
    // One pooled connection: notices go out paced anyway, and a server counts logins.
    transport: nodemailer.createTransport(config.SMTP_URL + (config.SMTP_URL.includes('?') ? '&' : '?') + 'pool=true&maxConnections=1'),
    from: config.MAIL_FROM!,
    replyTo: config.MAIL_REPLY_TO,
    publicUrl: config.PUBLIC_URL!,
    chatLinkTtlDays: config.MAIL_LINK_DAYS,
  });
}
