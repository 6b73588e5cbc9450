import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { BAD_SESSION_ATTEMPTS, reconnectPolicy } from '../../../src/channels/whatsapp/reconnectPolicy.js';

const low = { random: () => 0 };
const high = { random: () => 0.999_999 };

describe('reconnectPolicy', () => {
  it('stops for good after a logout', () => {
    expect(reconnectPolicy(DisconnectReason.loggedOut, 1)).toEqual({ reconnect: false, reason: 'logged_out' });
  });

  it('stops when another client replaced the session, rather than fight it', () => {
    expect(reconnectPolicy(DisconnectReason.connectionReplaced, 1)).toEqual({ reconnect: false, reason: 'replaced' });
  });

  it('stops when WhatsApp forbids the account', () => {
    expect(reconnectPolicy(DisconnectReason.forbidden, 1)).toEqual({ reconnect: false, reason: 'forbidden' });
  });

  it('reconnects at once when Baileys asks for a restart (right after pairing)', () => {
    expect(reconnectPolicy(DisconnectReason.restartRequired, 1)).toEqual({ reconnect: true, delayMs: 0 });
    expect(reconnectPolicy(DisconnectReason.restartRequired, 7)).toEqual({ reconnect: true, delayMs: 0 });
  });

  it('retries a bad session a few times, then gives up', () => {
    expect(reconnectPolicy(DisconnectReason.badSession, 1, low)).toEqual({ reconnect: true, delayMs: 500 });
    expect(reconnectPolicy(DisconnectReason.badSession, BAD_SESSION_ATTEMPTS - 1).reconnect).toBe(true);
    expect(reconnectPolicy(DisconnectReason.badSession, BAD_SESSION_ATTEMPTS)).toEqual({ reconnect: false, reason: 'bad_session' });
  });

  it.each([DisconnectReason.connectionClosed, DisconnectReason.connectionLost, DisconnectReason.unavailableService, DisconnectReason.multideviceMismatch, undefined])(
    'backs off exponentially for status %s, from 1 s up to 60 s',
    (code) => {
      const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 50].map((attempt) => reconnectPolicy(code, attempt, high));
      expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000].map((delayMs) => ({ reconnect: true, delayMs })));
    },
  );

  it('jitters between half the ceiling and the ceiling', () => {
    expect(reconnectPolicy(undefined, 3, low)).toEqual({ reconnect: true, delayMs: 2_000 });
    for (let i = 0; i < 200; i++) {
      const d = reconnectPolicy(DisconnectReason.connectionLost, 4);
      expect(d.reconnect && d.delayMs >= 4_000 && d.delayMs <= 8_000).toBe(true);
    }
  });

  it('honours custom bounds and survives absurd attempt numbers', () => {
    expect(reconnectPolicy(undefined, 3, { baseMs: 10, maxMs: 25, random: () => 0.999_999 })).toEqual({ reconnect: true, delayMs: 25 });
    expect(reconnectPolicy(undefined, 10_000, high)).toEqual({ reconnect: true, delayMs: 60_000 });
    expect(reconnectPolicy(undefined, 0, high)).toEqual({ reconnect: true, delayMs: 1_000 });
  });
});
