import { CordialError, type ApiErrorCode } from '../domain/errors.js';

/** An error the API answers with its own status and a machine-readable code (the answer's `error`). */
export class HttpError extends CordialError<ApiErrorCode> {
  constructor(
    readonly statusCode: number,
    code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code, message);
  }
}
