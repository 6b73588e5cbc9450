import type { Config } from '../config/config.js';
import { checkText } from './guardrails/checkText.js';
import { loadLlmPrompts } from './loadLlmPrompts.js';
import { OpenAiRewriter } from './openaiRewriter.js';
import { Phraser } from './phraser.js';

/** The phraser the configuration asks for: the LLM rewrites templates when OPENAI_API_KEY is set, templates only otherwise. */
export function phraserFromConfig(config: Config): Phraser {
  return new Phraser({
    rewriter: config.OPENAI_API_KEY
      ? new OpenAiRewriter({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.LLM_TIMEOUT_MS })
      : undefined,
    prompts: loadLlmPrompts(),
    check: checkText,
    tokenBudgetPerConversation: config.LLM_TOKEN_BUDGET,
    allowedLinks: config.LLM_ALLOWED_LINKS,
  });
}
