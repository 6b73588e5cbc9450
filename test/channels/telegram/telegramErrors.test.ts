import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../../src/channels/channelPort.js';
import { toChannelSendError } from '../../../src/channels/telegram/telegramErrors.js';

const apiError = (error_code: number, description: string, parameters = {}) =>
  new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, 'sendMessage', { chat_id: 1, text: 'segredo pessoal' });

describe('toChannelSendError', () => {
  it('maps 429 to rate_limited with retry_after in ms, retryable', () => {
    const e = toChannelSendError(apiError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    expect(e).toBeInstanceOf(ChannelSendError);
    expect(e).toMatchObject({ channel: 'telegram', code: 'rate_limited', retryAfterMs: 7000, permanent: false });
  });

  it('maps 403 (bot blocked by the user) to forbidden, permanent', () => {
    expect(toChannelSendError(apiError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ code: 'forbidden', permanent: true });
  });

  it('maps 400 chat not found to bad_request, permanent', () => {
    expect(toChannelSendError(apiError(400, 'Bad Request: chat not found'))).toMatchObject({ code: 'bad_request', permanent: true });
  });

  it('maps network failures, 5xx and 401 to unavailable, retryable', () => {
    expect(toChannelSendError(new HttpError("Network request for 'sendMessage' failed!", new Error('ECONNREFUSED')))).toMatchObject({ code: 'unavailable', permanent: false });
    expect(toChannelSendError(apiError(502, 'Bad Gateway'))).toMatchObject({ code: 'unavailable', permanent: false });
    expect(toChannelSendError(apiError(401, 'Unauthorized'))).toMatchObject({ code: 'unavailable', permanent: false });
  });

  it('keeps no trace of the message text the failed call carried', () => {
    const e = toChannelSendError(apiError(403, 'Forbidden: bot was blocked by the user'));
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain('segredo');
    expect(e.cause).toBeUndefined();
  });
});
