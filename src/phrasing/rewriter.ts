import { CordialError, type LlmErrorCode } from '../domain/errors.js';

/** The LLM as the phrasing layer sees it: chat messages in, one text out. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface Rewriter {
  readonly model: string;
  rewrite(messages: ChatMessage[], opts: { maxTokens: number }): Promise<{ text: string; tokens: number }>;
}

export type { LlmErrorCode };

export class LlmError extends CordialError<LlmErrorCode> {
  constructor(
    code: LlmErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(code, message);
  }
}
