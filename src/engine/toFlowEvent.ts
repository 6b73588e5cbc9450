import type { FlowEvent, IntentEventName } from './flowContext.js';
import type { Understanding } from './understanding/understand.js';

// Escalating intents outrank everything else in the same message: "já paguei, aceito" is a dispute.
const PRIORITY = ['judicial', 'dispute', 'optout', 'human', 'insult'] as const satisfies readonly IntentEventName[];

/** Whether the message says anything a state acts on (an answer, a number, a date). */
function answersSomething(u: Understanding): boolean {
  return (
    u.choice !== undefined || u.yes !== undefined || !!u.cnpj || !!u.cnpjInvalid || u.invoiceCandidates.length > 0 || u.amountCents !== undefined ||
    u.installments !== undefined || u.cash !== undefined || u.date !== undefined || u.percent !== undefined
  );
}

export function toFlowEvent(u: Understanding, today: string, now: Date): FlowEvent {
  const intent = PRIORITY.find((i) => u.intents.includes(i));
  // A debtor who picks the "talk to a person" option is handled by the state (it is a choice).
  if (intent && !(intent === 'human' && u.choice)) return { type: 'INTENT', intent, u, today, now: now.toISOString() };
  // "Prefiro e-mail" alone is handled anywhere in the flow; said with an answer, the answer goes first.
  if (u.preferredChannel && !answersSomething(u)) return { type: 'INTENT', intent: 'preferChannel', u, today, now: now.toISOString() };
  return { type: 'TEXT', u, today, now: now.toISOString() };
}
