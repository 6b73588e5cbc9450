import { ChannelSendError } from '../channelPort.js';

// A failed SMTP send (nodemailer's error) as what the outbox needs. SMTP says it in the reply
// code: 5xx is final (the same message fails the same way), 4xx is "try later" (greylisting, a
// full mailbox, a busy server), and no code at all is the connection (the server is down or the
// login failed: an operator fixes it, the rows wait). The error keeps no part of the message.

/** What nodemailer sets on its errors (nodemailer/lib/smtp-connection). */
export interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

export interface SmtpFailure {
  error: ChannelSendError;
  /** The receiving server refused the address itself, for good: no more e-mail to it. */
  hardBounce: boolean;
}

export function smtpSendError(err: SmtpError): SmtpFailure {
  const reply = err.responseCode;
  // Servers quote the refused address back: personal data, kept out of rows and logs.
  const said = (err.response ?? err.message ?? '').replace(/<?[^\s<>@]+@[^\s<>]+>?/g, '<address>').slice(0, 200);
  const what = `SMTP ${reply ?? err.code ?? 'error'}${err.command ? ` at ${err.command}` : ''}: ${said}`;
  if (reply !== undefined && reply >= 500) {
    // Refused at RCPT TO: the address (unknown user, no such domain, mailbox disabled). A refusal
    // elsewhere (a message too large, content rejected) says nothing about the address.
    const hardBounce = /^RCPT/i.test(err.command ?? '');
    return { error: new ChannelSendError('email', hardBounce ? 'forbidden' : 'bad_request', what, { permanent: true }), hardBounce };
  }
  if (reply !== undefined && reply >= 400) return { error: new ChannelSendError('email', 'rate_limited', what), hardBounce: false };
  return { error: new ChannelSendError('email', 'unavailable', what), hardBounce: false };
}
