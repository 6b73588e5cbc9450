import { createHash } from 'node:crypto';
import { scrubPersonalData } from '../domain/redact.js';
import type { Locale } from '../language/locale.js';
import type { CheckInput, CheckResult } from './guardrails/types.js';
import type { LlmPrompts } from './loadLlmPrompts.js';
import { LlmError, type ChatMessage, type Rewriter } from './rewriter.js';
import { TokenLedger } from './tokenLedger.js';

export interface PhraseRequest {
  conversationId: string;
  key: string;
  locale: Locale;
  /** The rendered template: what is sent whenever the LLM's text is not used. */
  templateText: string;
  facts: Record<string, unknown>;
  /** The last few turns, oldest first; the debtor's words reach the LLM only as quoted data. */
  recentTurns: { from: string; text: string }[];
  /** The debtor's time zone: how times and "today" in the text are read by the checks. */
  timeZone?: string;
  now?: Date;
}

export interface PhraseOutcome {
  text: string;
  source: 'template' | 'llm';
  /** Why the template was sent (absent when the LLM's text was sent). */
  reason?: 'no_llm' | 'verbatim' | 'budget' | 'llm_error' | 'guardrails' | 'agent' | 'window_template';
  llmText?: string;
  failures?: { check: string; detail: string }[];
  error?: string;
  cached?: boolean;
  tokens?: number;
}

/** The guardrails (src/phrasing/guardrails/checkText.ts), injected so tests may observe them. */
export type TextCheck = (input: CheckInput) => CheckResult;

export interface PhraserOptions {
  /** Absent: templates only (no API key configured). */
  rewriter?: Rewriter;
  prompts: LlmPrompts;
  check: TextCheck;
  /** Tokens one conversation may spend on rephrasing per day (UTC); past it, templates until the next day. */
  tokenBudgetPerConversation: number;
  /** Conversations the token ledger holds per day before it forgets the least recently used (default 10,000). */
  ledgerSize?: number;
  allowedLinks?: string[];
  cacheSize?: number;
}

/** Payment codes and legal terms go out exactly as the template renders them. */
export function isVerbatim(key: string, facts: Record<string, unknown>): boolean {
  return key.startsWith('agreement.') || 'agreement' in facts;
}

// Answers are short; this also caps what a runaway model can cost per message.
const MAX_OUTPUT_TOKENS = 400;

/**
 * Template -> optional LLM rewording -> guardrails -> the text to send. The LLM never sees a way
 * to change an offer: it gets the rendered text and its facts, and anything it writes that does
 * not pass every check is replaced by the template.
 */
export class Phraser {
  private ledger: TokenLedger;
  private cache = new Map<string, string>();

  constructor(private opts: PhraserOptions) {
    this.ledger = new TokenLedger(opts.ledgerSize);
  }

  /** Conversations whose tokens are counted today: bounded by `ledgerSize`, emptied every day. */
  get ledgerConversations(): number {
    return this.ledger.size;
  }

  get enabled(): boolean {
    return !!this.opts.rewriter;
  }

  async phrase(req: PhraseRequest): Promise<PhraseOutcome> {
    const { rewriter, check } = this.opts;
    const template = (reason: PhraseOutcome['reason'], extra: Partial<PhraseOutcome> = {}): PhraseOutcome => ({ text: req.templateText, source: 'template', reason, ...extra });
    if (!rewriter) return template('no_llm');
    if (isVerbatim(req.key, req.facts)) return template('verbatim');
    const now = req.now ?? new Date();
    if (this.ledger.spent(req.conversationId, now) >= this.opts.tokenBudgetPerConversation) return template('budget');

    const messages = this.messages(req);
    const cacheKey = createHash('sha256').update(rewriter.model).update(JSON.stringify(messages)).digest('hex');
    let llmText = this.cache.get(cacheKey);
    const cached = llmText !== undefined;
    let tokens = 0;
    if (llmText === undefined) {
      try {
        const out = await rewriter.rewrite(messages, { maxTokens: MAX_OUTPUT_TOKENS });
        llmText = out.text;
        tokens = out.tokens;
        this.ledger.add(req.conversationId, tokens, now);
      } catch (err) {
        const e = err instanceof LlmError ? err : new LlmError('api_error', (err as Error).message);
        return template('llm_error', { error: `${e.code}: ${e.message}` });
      }
    }
    const verdict = check({
      text: llmText,
      templateText: req.templateText,
      facts: req.facts,
      locale: req.locale,
      allowedLinks: this.opts.allowedLinks,
      timeZone: req.timeZone,
      now: req.now,
      systemPrompt: messages[0]?.content,
    });
    if (!verdict.ok) return template('guardrails', { llmText, failures: verdict.failures, cached, tokens });
    this.remember(cacheKey, llmText);
    return { text: llmText, source: 'llm', llmText, cached, tokens };
  }

  private messages(req: PhraseRequest): ChatMessage[] {
    const p = this.opts.prompts[req.locale];
    const creditor = (req.facts.creditor as { name?: string } | undefined)?.name ?? '';
    // Data, not instructions: serialised as JSON, the debtor's words scrubbed of personal data.
    const data = JSON.stringify(
      { facts: req.facts, recentTurns: req.recentTurns.slice(-4).map((t) => ({ from: t.from, text: scrubPersonalData(t.text, 500) })) },
      null,
      1,
    );
    const values: Record<string, string> = {
      creditorName: creditor || (req.locale === 'pt-BR' ? 'o credor' : 'the creditor'),
      data,
      templateText: req.templateText,
      guidance: p.guidance[req.key] ?? p.guidance.default ?? '',
    };
    // One pass: a placeholder typed by the debtor inside `data` is never expanded.
    const fill = (s: string) => s.replace(/\{(creditorName|data|templateText|guidance)\}/g, (_, k: string) => values[k] ?? '');
    return [
      { role: 'system', content: fill(p.system) },
      { role: 'user', content: fill(p.user) },
    ];
  }

  private remember(key: string, text: string) {
    if (this.cache.size >= (this.opts.cacheSize ?? 1000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, text);
  }
}
