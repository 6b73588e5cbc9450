import { CordialError } from '../domain/errors.js';

/** A turn's commit found the conversation moved by another turn meanwhile: the pipeline runs it again on the new revision. */
export class ConcurrentTurnError extends CordialError<'CONCURRENT_TURN'> {
  constructor(message: string) {
    super('CONCURRENT_TURN', message);
  }
}
