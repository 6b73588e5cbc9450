import type { InboundReceipt } from '../../src/engine/ports.js';
import type { InboundToStore, TurnStore } from '../../src/engine/turnStore.js';

/** Stores an inbound message for an existing conversation and nothing else: what a crash right after "store first" leaves. */
export async function received(store: Pick<TurnStore, 'receiveOrOpen'>, inbound: InboundToStore): Promise<InboundReceipt> {
  const r = await store.receiveOrOpen({
    ...inbound,
    flowVersion: async () => {
      throw new Error('the conversation should exist and be open');
    },
  });
  if (!r || r.created) throw new Error(`no conversation for ${inbound.channel}:${inbound.chatId}`);
  return r.receipt;
}
