import type { TurnPipeline } from '../engine/turnPipeline.js';
import type { InboundHandler } from './channelPort.js';
import { toPipelineMessage } from './toPipelineMessage.js';

/** The one way every channel's messages enter the core: translated, then handled by the turn pipeline. */
export function pipelineHandler(pipeline: Pick<TurnPipeline, 'handle'>): InboundHandler {
  // A web chat conversation is opened with its session (the bot speaks first); on the messaging
  // channels the debtor writes first, and that message opens it.
  return (m) => pipeline.handle(toPipelineMessage(m), { openIfMissing: m.channel !== 'webchat' });
}
