/** The LLM as the phrasing layer sees it: chat messages in, one text out. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface Rewriter {
  readonly model: string;
  rewrite(messages: ChatMessage[], opts: { maxTokens: number }): Promise<{ text: string; tokens: number }>;
}

export type LlmErrorCode = 'timeout' | 'rate_limited' | 'api_error' | 'refusal' | 'empty';

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
