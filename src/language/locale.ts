/** The languages Cordial speaks to debtors in. Templates, prompts and the guardrails are keyed by it. */
export type Locale = 'pt-BR' | 'en';

export const LOCALES: Locale[] = ['pt-BR', 'en'];
