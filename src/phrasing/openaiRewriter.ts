import OpenAI, { APIConnectionTimeoutError, APIError, RateLimitError } from 'openai';
import { LlmError, type ChatMessage, type Rewriter } from './rewriter.js';

export interface OpenAiRewriterOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; default the official API. */
  baseURL?: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The openai SDK behind the Rewriter port. No retries: a late rewording is worth less than the template. */
export class OpenAiRewriter implements Rewriter {
  readonly model: string;
  private client: OpenAI;

  constructor(opts: OpenAiRewriterOptions) {
    this.model = opts.model;
    this.client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: 0, fetch: opts.fetch });
  }

  async rewrite(messages: ChatMessage[], opts: { maxTokens: number }): Promise<{ text: string; tokens: number }> {
    let res: OpenAI.Chat.Completions.ChatCompletion;
    try {
      res = await this.client.chat.completions.create({ model: this.model, messages, temperature: 0.4, max_tokens: opts.maxTokens });
    } catch (err) {
      if (err instanceof APIConnectionTimeoutError) throw new LlmError('timeout', 'the LLM did not answer in time');
      if (err instanceof RateLimitError) throw new LlmError('rate_limited', 'the LLM is rate limited', 429);
      if (err instanceof APIError) throw new LlmError('api_error', `the LLM answered ${err.status ?? 'an error'}`, err.status);
      throw new LlmError('api_error', `the LLM call failed: ${(err as Error).message}`);
    }
    // A compatible server may answer a malformed body; that is an API error, not a crash.
    const msg = Array.isArray(res?.choices) ? res.choices[0]?.message : undefined;
    if (!msg) throw new LlmError('api_error', 'the LLM answered without a message');
    if (msg?.refusal) throw new LlmError('refusal', 'the LLM refused');
    const text = msg?.content?.trim() ?? '';
    if (!text) throw new LlmError('empty', 'the LLM returned no text');
    return { text, tokens: res.usage?.total_tokens ?? 0 };
  }
}
