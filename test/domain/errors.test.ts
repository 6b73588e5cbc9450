import { describe, expect, it } from 'vitest';
import { CordialError, isTurnFailure, TURN_FAILURE_CODES } from '../../src/domain/errors.js';
import { DisclosureError } from '../../src/engine/buildFacts.js';
import { FlowValidationError } from '../../src/engine/flowCatalog.js';
import { FlowRuntimeError } from '../../src/engine/runTurn.js';
import { SnapshotError } from '../../src/engine/snapshot.js';
import { ConversationNotFoundError } from '../../src/engine/turnPipeline.js';
import { TemplateError } from '../../src/phrasing/renderTemplate.js';
import { ConcurrentTurnError } from '../../src/storage/concurrentTurnError.js';

describe('CordialError', () => {
  it('carries its code and message, and is an Error', () => {
    const err = new CordialError('DATA_DIR_LOCKED', 'in use');
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 'DATA_DIR_LOCKED', message: 'in use' });
  });

  it('tells the turn failures retrying cannot fix from the others', () => {
    const failures = [new FlowRuntimeError('x'), new SnapshotError('x'), new DisclosureError('x'), new FlowValidationError([]), new TemplateError('x')];
    expect(failures.map((e) => e.code).sort()).toEqual([...TURN_FAILURE_CODES].sort());
    for (const e of failures) expect(isTurnFailure(e)).toBe(true);
    for (const e of [new ConcurrentTurnError('x'), new ConversationNotFoundError('x'), new Error('x'), null, undefined, 'FLOW_RUNTIME']) expect(isTurnFailure(e)).toBe(false);
  });
});
