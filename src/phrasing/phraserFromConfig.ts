import type { Config } from '../config/config.js';
import { checkText } from './guardrails/checkText.js';
import { loadLlmPrompts } from './loadLlmPrompts.js';
import { Phraser } from './phraser.js';

/** The phraser the configuration asks for: the LLM rewrites templates when OPENAI_API_KEY is set, templates only otherwise. */
export async function phraserFromConfig(config: Config): Promise<Phraser> {
  // The OpenAI SDK is loaded only with a key: a process without one does not carry it (about 11 MB).
  const rewriter = config.OPENAI_API_KEY
    ? new (await import('./openaiRewriter.js')).OpenAiRewriter({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.LLM_TIMEOUT_MS })
    : undefined;
  return new Phraser({
    rewriter,
    prompts: loadLlmPrompts(),
    check: checkText,
    tokenBudgetPerConversation: config.LLM_TOKEN_BUDGET,
    allowedLinks: config.LLM_ALLOWED_LINKS,
  });
}
