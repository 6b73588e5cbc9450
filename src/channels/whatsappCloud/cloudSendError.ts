import { ChannelSendError } from '../channelPort.js';

// A failed Graph API call as what the outbox needs: retry when, or give up. Meta's codes
// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes):
// - 130429 (throughput), 131056 (pair rate limit), 4 / 80007 (app or account rate limit): retry later;
// - 131047 (more than 24 h since the user's last message: re-engagement needs a template),
//   131026 (undeliverable: no WhatsApp on that number, old app, terms not accepted), 131051
//   (unsupported type), 131052/131053 (media), 131008/131009 (a required or invalid parameter),
//   132xxx (template problems), 100 (invalid parameter), 368 (account restricted), 131031
//   (account locked): the same request fails the same way;
// - 190 (expired or revoked token), 5xx: an operator or Meta can fix it; keep the rows and retry.
// The error keeps no part of the request (the text is personal data).

const RATE_LIMITED = new Set([4, 80007, 130429, 131056]);
const PERMANENT = new Set([100, 368, 131008, 131009, 131026, 131031, 131047, 131051, 131052, 131053]);

export interface GraphError {
  code?: number;
  message?: string;
  error_subcode?: number;
}

export function cloudSendError(status: number, error: GraphError | undefined, retryAfterHeader?: string | null): ChannelSendError {
  const code = error?.code;
  const what = `Graph API ${status}${code !== undefined ? ` code ${code}` : ''}: ${(error?.message ?? '').slice(0, 200)}`;
  if ((code !== undefined && RATE_LIMITED.has(code)) || status === 429) {
    const after = Number(retryAfterHeader);
    return new ChannelSendError('whatsapp', 'rate_limited', what, { retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined });
  }
  if (code !== undefined && (PERMANENT.has(code) || (code >= 132000 && code < 133000))) {
    return new ChannelSendError('whatsapp', code === 131047 || code === 131026 ? 'forbidden' : 'bad_request', what, { permanent: true });
  }
  return new ChannelSendError('whatsapp', 'unavailable', what);
}
