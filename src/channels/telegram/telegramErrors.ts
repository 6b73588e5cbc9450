import { GrammyError, HttpError } from 'grammy';
import { ChannelSendError } from '../channelPort.js';

/**
 * A failed Bot API call as what the outbox needs: retry when, or give up.
 *
 * The result deliberately keeps no reference to the grammY error: GrammyError.payload holds the
 * message text, and pino's error serializer would copy it into the logs.
 */
export function toChannelSendError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (err instanceof GrammyError) {
    const what = `${err.method}: ${err.error_code} ${err.description}`;
    if (err.error_code === 429) {
      const after = err.parameters.retry_after;
      return new ChannelSendError('telegram', 'rate_limited', what, { retryAfterMs: typeof after === 'number' ? after * 1000 : undefined });
    }
    // Blocked by the user, user deactivated, bot kicked: no retry can reach them.
    if (err.error_code === 403) return new ChannelSendError('telegram', 'forbidden', what, { permanent: true });
    // Chat not found, message too long, bad markup: the same request fails the same way.
    if (err.error_code === 400) return new ChannelSendError('telegram', 'bad_request', what, { permanent: true });
    // 401 (token revoked), 404 (wrong API root), 5xx: an operator or Telegram can fix it; keep the rows.
    return new ChannelSendError('telegram', 'unavailable', what);
  }
  if (err instanceof HttpError) return new ChannelSendError('telegram', 'unavailable', err.message);
  // Unknown failures are retried: losing a message is worse than trying again.
  return new ChannelSendError('telegram', 'unavailable', err instanceof Error ? err.message : String(err));
}
