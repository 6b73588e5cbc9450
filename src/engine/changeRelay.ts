import type { ConversationChange } from './turnPipeline.js';

/**
 * Carries changes to the other processes of a deployment and theirs to us. A port: storage
 * implements it over PostgreSQL LISTEN/NOTIFY (storage/pgChangeRelay.ts); the handoff desk's
 * console events use it (handoff/consoleEvents.ts).
 */
export interface ChangeRelay {
  start(deliver: (change: ConversationChange) => void): Promise<void>;
  send(change: ConversationChange): void;
  close(): Promise<void>;
}
