import { describe, expect, it } from 'vitest';
import { checkText, type CheckResult } from '../../../src/phrasing/guardrails/checkText.js';
import { inputFor } from './fixtures.js';
import { BAD, GOOD } from './redTeam.corpus.js';

const name = (text: string): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? '(empty)' : t.length > 70 ? `${t.slice(0, 70)}…` : t;
};

const run = (key: string, locale: 'pt-BR' | 'en', text: string): CheckResult => checkText(inputFor(key, locale, text));

describe('red team: bad rewordings trip the expected check', () => {
  it.each(BAD.map((b, i) => [`#${i + 1} [${b.locale} ${b.key} -> ${b.mustTrip}] ${name(b.text)}`, b] as const))('%s', (_n, b) => {
    const r = run(b.key, b.locale, b.text);
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.check)).toContain(b.mustTrip);
  });
});

describe('red team: good rewordings pass', () => {
  it.each(GOOD.map((g, i) => [`#${i + 1} [${g.locale} ${g.key}] ${name(g.text)}`, g] as const))('%s', (_n, g) => {
    expect(run(g.key, g.locale, g.text).failures).toEqual([]);
  });
});

describe('red team: summary', () => {
  it('has enough items in both languages', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(170);
    expect(GOOD.length).toBeGreaterThanOrEqual(90);
    const ptShare = BAD.filter((b) => b.locale === 'pt-BR').length / BAD.length;
    expect(ptShare).toBeGreaterThan(0.5);
    expect(ptShare).toBeLessThan(0.7);
    for (const check of ['numbers', 'promises', 'status', 'hostility', 'creditor', 'language', 'length', 'links', 'foreignData', 'injection'] as const) {
      expect(BAD.filter((b) => b.mustTrip === check).length, check).toBeGreaterThanOrEqual(3);
    }
  });

  it('catches every bad rewording and passes at least 95% of the good ones', () => {
    const caught = BAD.filter((b) => run(b.key, b.locale, b.text).failures.some((f) => f.check === b.mustTrip)).length;
    const falsePositives = GOOD.filter((g) => !run(g.key, g.locale, g.text).ok).length;
    const catchRate = caught / BAD.length;
    const fpRate = falsePositives / GOOD.length;
    const byCheck = Object.entries(
      BAD.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b.mustTrip]: (acc[b.mustTrip] ?? 0) + 1 }), {}),
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `[guardrails red team] catch rate ${(catchRate * 100).toFixed(1)}% (${caught}/${BAD.length} bad: ${byCheck}); ` +
        `false-positive rate ${(fpRate * 100).toFixed(1)}% (${falsePositives}/${GOOD.length} good)`,
    );
    expect(catchRate).toBe(1);
    expect(fpRate).toBeLessThanOrEqual(0.05);
  });
});
