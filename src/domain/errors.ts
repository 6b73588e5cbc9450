import type { LedgerErrorReason } from './agreementLedger.js';

/**
 * Failures of a turn that would repeat on every retry (a flow or template bug, a snapshot the
 * pinned flow cannot resolve, facts asked for before identity): the turn is abandoned and a
 * person takes over.
 */
export const TURN_FAILURE_CODES = ['FLOW_RUNTIME', 'SNAPSHOT_UNRESOLVABLE', 'DISCLOSURE_BEFORE_VERIFICATION', 'FLOW_INVALID', 'TEMPLATE_ERROR'] as const;
export type TurnFailureCode = (typeof TURN_FAILURE_CODES)[number];

/** Why a channel refused a send: the outbox retries or gives up on it. */
export type ChannelErrorCode = 'rate_limited' | 'unavailable' | 'forbidden' | 'bad_request';
/** Why the LLM gave no text: the phraser falls back to the template. */
export type LlmErrorCode = 'timeout' | 'rate_limited' | 'api_error' | 'refusal' | 'empty';
/** Why an agent's action on a conversation was refused (the agent routes map each to a status). */
export type HandoffErrorCode = 'not_found' | 'no_handoff' | 'claimed_by_other' | 'not_handed_off' | 'identity_not_verified' | 'invalid';

/**
 * The `error` field of the HTTP API's error answers (src/http/errors.ts and the routes that answer
 * directly): clients branch on these, so each is part of the public contract.
 */
export type ApiErrorCode =
  | 'bad_request'
  | 'busy'
  | 'csrf'
  | 'duplicate_payment'
  | 'email_taken'
  | 'empty_text'
  | 'forbidden'
  | 'internal'
  | 'invalid_after'
  | 'invalid_body'
  | 'invalid_credentials'
  | 'invalid_flow'
  | 'invalid_key'
  | 'invalid_query'
  | 'login_backoff'
  | 'no_draft'
  | 'no_qr'
  | 'not_found'
  | 'agreement_state'
  | 'not_locked'
  | 'not_unmatched'
  | 'outside_policy'
  | 'own_account'
  | 'payment_conflict'
  | 'rate_limited'
  | 'session_not_found'
  | 'text_too_long'
  | 'unauthorized'
  | 'unknown_txid'
  | 'unsupported_media_type'
  | HandoffErrorCode;

/** Every machine-readable error code of the project's own errors, the HTTP API's included. */
export type ErrorCode =
  | TurnFailureCode
  /** A conversation the message or event names does not exist. */
  | 'CONVERSATION_NOT_FOUND'
  /** Another process committed a turn of the conversation first: run it again on the new revision. */
  | 'CONCURRENT_TURN'
  | 'CONFIG_INVALID'
  | 'DATA_DIR_LOCKED'
  | 'MIGRATION_LOCK_TIMEOUT'
  | 'email_taken'
  | ChannelErrorCode
  | LlmErrorCode
  | HandoffErrorCode
  | ApiErrorCode
  | LedgerErrorReason;

/** The base of the project's errors: callers decide on `code`, never on the message or the class name. */
export class CordialError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
  }
}

/** Whether an error is a turn failure that retrying cannot fix. */
export function isTurnFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (TURN_FAILURE_CODES as readonly string[]).includes(code);
}
