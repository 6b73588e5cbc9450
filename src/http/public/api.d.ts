// The shapes the pages read from the API, taken from the server's own types, so that a change of
// an answer's shape on the server breaks the pages' type check (tsconfig.json here) instead of a
// page at run time. Types only: nothing here is served or runs in the browser.
import type { HandoffItem as ServerHandoffItem } from '../../handoff/handoffView.js';
import type { loadConversationView } from '../../handoff/conversationView.js';
import type { Kpis as ServerKpis } from '../../domain/kpis.js';
import type { ChannelOrder as ServerChannelOrder } from '../../domain/channelRouting.js';

/** GET /api/agent/handoffs → { handoffs: HandoffItem[] }: the agents' queue. */
export type HandoffItem = ServerHandoffItem;
/** GET /api/agent/conversations/:id: a conversation as the agents' console shows it. */
export type ConversationView = NonNullable<Awaited<ReturnType<typeof loadConversationView>>>;
/** One message or internal note of a ConversationView. */
export type ConversationMessage = ConversationView['messages'][number];
/** GET /api/admin/kpis?from&to[&channel&flowVersion&bucket]: the dashboard's figures (src/domain/kpis.ts). */
export type Kpis = ServerKpis;
/** GET|PUT /api/admin/channel-order: the creditor's order of channels for notices (src/domain/channelRouting.ts). */
export type ChannelOrder = ServerChannelOrder;
