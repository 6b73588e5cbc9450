import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalationRules.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
// Monday 23/11/2026 12:00 in São Paulo (UTC-3): inside the default agent hours (Mon–Fri 08–18).
const MONDAY_NOON = new Date('2026-11-23T15:00:00.000Z');
// Saturday 28/11/2026 10:00 in São Paulo: outside them; the next opening is Monday 30/11 08:00.
const SATURDAY = new Date('2026-11-28T13:00:00.000Z');
const NEXT_MONDAY_8 = '2026-11-30T11:00:00.000Z';

describe('the one waiting message of an unclaimed handoff', () => {
  let t: TestApp;
  let now = MONDAY_NOON;

  beforeAll(async () => {
    // The job runs only when the test calls chores(): no timer races the assertions.
    t = await startTestApp({ clock: () => now, env: { JOBS_INTERVAL_MS: '3600000' } });
    const r = await t.api('PUT', '/api/admin/escalation-rules', { ...DEFAULT_ESCALATION_RULES, waitingMessageAfterMinutes: 10 }, bearer);
    expect(r.status).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  async function escalatedAt(at: Date) {
    now = at;
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say('quero falar com uma pessoa');
    return d;
  }
  const waiting = async (d: WebchatDebtor) =>
    ((await t.api('GET', `/api/webchat/sessions/${d.sessionId}/messages?after=0`)).body.messages as any[]).filter((m) => m.key?.startsWith('handoff.waiting'));

  it('inside agent hours waits the configured minutes, then says a person is on the way, once', async () => {
    const d = await escalatedAt(MONDAY_NOON);
    await t.app.chores();
    expect(await waiting(d)).toEqual([]);
    now = new Date(MONDAY_NOON.getTime() + 9 * 60_000);
    await t.app.chores();
    expect(await waiting(d)).toEqual([]);
    now = new Date(MONDAY_NOON.getTime() + 10 * 60_000);
    await t.app.chores();
    await t.app.chores();
    now = new Date(MONDAY_NOON.getTime() + 60 * 60_000);
    await t.app.chores();
    const sent = await waiting(d);
    expect(sent.map((m) => m.key)).toEqual(['handoff.waitingSoon']);
    expect(sent[0].from).toBe('bot');
  });

  it('outside agent hours says at once when a person will answer, once', async () => {
    const d = await escalatedAt(SATURDAY);
    await t.app.chores();
    await t.app.chores();
    const sent = await waiting(d);
    expect(sent.map((m) => m.key)).toEqual(['handoff.waitingUntil']);
    expect(sent[0].facts.handoff.answerBy).toBe(NEXT_MONDAY_8);
    expect(sent[0].text).toContain('30/11');
    expect(sent[0].text).toContain('08:00');
  });

  it('sends nothing to a handoff an agent claimed in time', async () => {
    const d = await escalatedAt(MONDAY_NOON);
    const agent = await ConsoleAgent.create(t, 'Rápida');
    const id = (await t.app.store.find('webchat', d.sessionId))!.id;
    expect((await agent.claim(id)).status).toBe(200);
    now = new Date(MONDAY_NOON.getTime() + 30 * 60_000);
    await t.app.chores();
    expect(await waiting(d)).toEqual([]);
  });

  it('follows the admin’s rules: a longer wait is honoured without a restart', async () => {
    const r = await t.api('PUT', '/api/admin/escalation-rules', { ...DEFAULT_ESCALATION_RULES, waitingMessageAfterMinutes: 45 }, bearer);
    expect(r.status).toBe(200);
    const d = await escalatedAt(MONDAY_NOON);
    now = new Date(MONDAY_NOON.getTime() + 30 * 60_000);
    await t.app.chores();
    expect(await waiting(d)).toEqual([]);
    now = new Date(MONDAY_NOON.getTime() + 45 * 60_000);
    await t.app.chores();
    expect((await waiting(d)).map((m) => m.key)).toEqual(['handoff.waitingSoon']);
  });
});
