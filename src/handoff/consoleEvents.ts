import { EventEmitter } from 'node:events';
import type { ChangeRelay } from '../engine/changeRelay.js';
import type { ConversationChange } from '../engine/turnPipeline.js';

/**
 * Fan-out of conversation changes to the agents' live streams (server-sent events). In process
 * always; with a relay, changes made on another replica arrive too, so an agent connected
 * anywhere sees every handoff. The console also refreshes on a timer, so a missed event only delays.
 */
export class ConsoleEvents {
  private emitter = new EventEmitter();

  constructor(private readonly relay?: ChangeRelay) {
    // One listener per open console tab.
    this.emitter.setMaxListeners(0);
  }

  /** Starts receiving the other replicas' changes (nothing to do without a relay). */
  async start(): Promise<void> {
    await this.relay?.start((change) => this.emitter.emit('change', change));
  }

  publish(change: ConversationChange): void {
    this.emitter.emit('change', change);
    this.relay?.send(change);
  }

  subscribe(listener: (change: ConversationChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async close(): Promise<void> {
    await this.relay?.close();
  }
}
