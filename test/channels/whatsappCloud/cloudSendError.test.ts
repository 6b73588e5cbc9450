import { describe, expect, it } from 'vitest';
import { cloudSendError } from '../../../src/channels/whatsappCloud/cloudSendError.js';

describe('cloudSendError', () => {
  it('retries rate limits later, with the Retry-After hint when there is one', () => {
    for (const code of [130429, 131056, 4, 80007]) expect(cloudSendError(400, { code, message: 'slow down' })).toMatchObject({ code: 'rate_limited', permanent: false });
    expect(cloudSendError(429, undefined, '7').retryAfterMs).toBe(7000);
  });

  it('gives up on re-engagement, undeliverable numbers, bad parameters and template errors', () => {
    expect(cloudSendError(400, { code: 131047, message: 'Re-engagement message' })).toMatchObject({ code: 'forbidden', permanent: true });
    expect(cloudSendError(400, { code: 131026, message: 'Message Undeliverable' })).toMatchObject({ code: 'forbidden', permanent: true });
    for (const code of [100, 131008, 131051, 132001]) expect(cloudSendError(400, { code, message: 'bad' })).toMatchObject({ code: 'bad_request', permanent: true });
  });

  it('keeps the row for what an operator or Meta can fix: an expired token, a server error, an unknown code', () => {
    for (const [status, code] of [[401, 190], [500, 1], [400, 999999]] as const) expect(cloudSendError(status, { code, message: 'x' })).toMatchObject({ code: 'unavailable', permanent: false });
    expect(cloudSendError(502, undefined).message).toMatch(/^Graph API 502/);
  });
});
