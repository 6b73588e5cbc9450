import { readFileSync } from 'node:fs';
import { LOCALES, type Locale } from '../language/locale.js';

export interface LlmPrompt {
  system: string;
  user: string;
  guidance: Record<string, string>;
}
export type LlmPrompts = Record<Locale, LlmPrompt>;

const dir = new URL('../../prompts/llm/', import.meta.url);

export function loadLlmPrompts(): LlmPrompts {
  const out = {} as LlmPrompts;
  for (const l of LOCALES) out[l] = JSON.parse(readFileSync(new URL(`${l}.json`, dir), 'utf8')) as LlmPrompt;
  return out;
}
