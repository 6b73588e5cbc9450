import { describe, expect, it } from 'vitest';
import { understand, type Understanding } from '../../../src/engine/understanding/understand.js';
import { CORPUS, OPTION_SETS, type CorpusCase } from './corpus.js';

const TODAY = '2026-11-23'; // a Monday

function run(c: CorpusCase): Understanding {
  return understand(c.text, {
    locale: c.locale ?? 'pt-BR',
    today: TODAY,
    ...(c.options ? { options: OPTION_SETS[c.options] } : {}),
  });
}

describe('understanding corpus', () => {
  it('has at least 220 utterances, about a quarter in English', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(220);
    const english = CORPUS.filter((c) => c.locale === 'en').length;
    expect(english / CORPUS.length).toBeGreaterThanOrEqual(0.2);
  });

  it('has no duplicate (text, locale, options) cases', () => {
    const keys = CORPUS.map((c) => `${c.locale ?? 'pt-BR'}|${c.options ?? ''}|${c.text}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(CORPUS.map((c) => [`${c.options ? `[${c.options}] ` : ''}${c.text}`, c] as const))('%s', (_name, c) => {
    const u = run(c);
    const { intents, notIntents, absent, ...fields } = c.expect;
    for (const [key, value] of Object.entries(fields)) {
      expect({ [key]: u[key as keyof Understanding] }).toEqual({ [key]: value });
    }
    if (intents) {
      if (intents.length === 0) expect(u.intents).toEqual([]);
      for (const i of intents) expect(u.intents).toContain(i);
    }
    for (const i of notIntents ?? []) expect(u.intents).not.toContain(i);
    for (const f of absent ?? []) expect({ [f]: u[f] }).toEqual({ [f]: undefined });
  });
});
