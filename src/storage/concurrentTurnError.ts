/** A turn's commit found the conversation moved by another turn meanwhile: the pipeline runs it again on the new revision. */
export class ConcurrentTurnError extends Error {
  readonly code = 'CONCURRENT_TURN';
}
