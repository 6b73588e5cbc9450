import { EventEmitter } from 'node:events';
import type { ConversationChange } from '../engine/turnPipeline.js';

/**
 * In-process fan-out of conversation changes to the agents' live streams (server-sent events).
 * One process serves the console; a multi-process deployment would put PostgreSQL LISTEN/NOTIFY
 * behind the same two methods. The console also refreshes on a timer, so a missed event only delays.
 */
export class ConsoleEvents {
  private emitter = new EventEmitter();

  constructor() {
    // One listener per open console tab.
    this.emitter.setMaxListeners(0);
  }

  publish(change: ConversationChange): void {
    this.emitter.emit('change', change);
  }

  subscribe(listener: (change: ConversationChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
