import { DisconnectReason } from '@whiskeysockets/baileys';

// What to do when the WhatsApp socket closes, from Baileys' status code (lastDisconnect.error as
// a Boom: output.statusCode) and how many closes in a row there were since the last open.
//
// Stop for good when reconnecting cannot help or would do harm:
// - 401 loggedOut: the phone unlinked this device; the stored credentials are dead.
// - 440 connectionReplaced ("conflict"): another client with the same credentials took over (a
//   second instance of the app on the same auth dir, typically). Reconnecting would kick it out and
//   the two would fight forever.
// - 403 forbidden: WhatsApp refused the account (usually banned); hammering it makes things worse.
// - 500 badSession, only when it repeats: Baileys also reports unexplained stream errors as 500
//   and a single one usually clears on reconnect, so the session is judged broken only after
//   BAD_SESSION_ATTEMPTS closes in a row without an open.
// 515 restartRequired is the normal step right after pairing: reconnect at once.
// Everything else (connection lost, timed out, QR expired, service unavailable, no status at all)
// reconnects with exponential backoff and jitter, so many instances do not retry in lockstep.

export type StopReason = 'logged_out' | 'replaced' | 'forbidden' | 'bad_session';

export type ReconnectDecision = { reconnect: true; delayMs: number } | { reconnect: false; reason: StopReason };

export interface ReconnectPolicyOptions {
  baseMs?: number;
  maxMs?: number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export const BAD_SESSION_ATTEMPTS = 5;
const DEFAULT_BASE_MS = 1_000;
const DEFAULT_MAX_MS = 60_000;

/**
 * @param statusCode Boom output.statusCode of the close, or undefined when there was none.
 * @param attempt 1 for the first close since the socket was last open, 2 for the next, …
 */
export function reconnectPolicy(statusCode: number | undefined, attempt: number, options: ReconnectPolicyOptions = {}): ReconnectDecision {
  switch (statusCode) {
    case DisconnectReason.loggedOut:
      return { reconnect: false, reason: 'logged_out' };
    case DisconnectReason.connectionReplaced:
      return { reconnect: false, reason: 'replaced' };
    case DisconnectReason.forbidden:
      return { reconnect: false, reason: 'forbidden' };
    case DisconnectReason.restartRequired:
      return { reconnect: true, delayMs: 0 };
    case DisconnectReason.badSession:
      if (attempt >= BAD_SESSION_ATTEMPTS) return { reconnect: false, reason: 'bad_session' };
      break;
  }
  const base = options.baseMs ?? DEFAULT_BASE_MS;
  const max = options.maxMs ?? DEFAULT_MAX_MS;
  const random = options.random ?? Math.random;
  // Exponent capped before Math.pow so a long outage cannot overflow to Infinity.
  const ceiling = Math.min(max, base * 2 ** Math.min(Math.max(attempt, 1) - 1, 30));
  // "Equal jitter": at least half the ceiling, so a retry is never immediate after a failure.
  return { reconnect: true, delayMs: Math.round(ceiling / 2 + random() * (ceiling / 2)) };
}
