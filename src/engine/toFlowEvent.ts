import type { FlowEvent, IntentEventName } from './flowContext.js';
import type { Understanding } from './understanding/understand.js';

// Escalating intents outrank everything else in the same message: "já paguei, aceito" is a dispute.
const PRIORITY: IntentEventName[] = ['judicial', 'dispute', 'optout', 'human', 'insult'];

export function toFlowEvent(u: Understanding, today: string, now: Date): FlowEvent {
  const intent = PRIORITY.find((i) => u.intents.includes(i));
  // A debtor who picks the "talk to a person" option is handled by the state (it is a choice).
  if (intent && !(intent === 'human' && u.choice)) return { type: 'INTENT', intent, u, today, now: now.toISOString() };
  return { type: 'TEXT', u, today, now: now.toISOString() };
}
