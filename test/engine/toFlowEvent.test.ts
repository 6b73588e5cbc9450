import { describe, expect, it } from 'vitest';
import { toFlowEvent } from '../../src/engine/toFlowEvent.js';
import type { Understanding } from '../../src/engine/understanding/understand.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const u = (x: Partial<Understanding>): Understanding => ({ intents: [], invoiceCandidates: [], ...x });

describe('toFlowEvent', () => {
  it('lets escalating intents outrank anything else in the same message', () => {
    const e = toFlowEvent(u({ intents: ['dispute', 'human'], yes: true }), '2026-11-23', NOW);
    expect(e).toMatchObject({ type: 'INTENT', intent: 'dispute' });
    expect(toFlowEvent(u({ intents: ['human', 'judicial'] }), '2026-11-23', NOW)).toMatchObject({ type: 'INTENT', intent: 'judicial' });
  });

  it('treats the "talk to a person" option as a choice the state handles', () => {
    expect(toFlowEvent(u({ intents: ['human'], choice: 'human' }), '2026-11-23', NOW)).toMatchObject({ type: 'TEXT' });
  });

  it('sends everything else as TEXT with the understanding, today and now', () => {
    expect(toFlowEvent(u({ intents: ['hardship'], installments: 4 }), '2026-11-23', NOW)).toEqual({
      type: 'TEXT',
      u: u({ intents: ['hardship'], installments: 4 }),
      today: '2026-11-23',
      now: NOW.toISOString(),
    });
  });
});
