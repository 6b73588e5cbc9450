import { describe, expect, it } from 'vitest';
import { addMonths, findDate, formatYmd, parseYmd, type Ymd } from '../../../src/engine/understanding/dates.js';
import { numberize } from '../../../src/language/numberize.js';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { Spans } from '../../../src/engine/understanding/spans.js';

const MONDAY = parseYmd('2026-11-23') as Ymd;

function date(text: string, today: Ymd = MONDAY, locale = 'pt-BR', skipWeekdays = false): string | undefined {
  return findDate(numberize(normalize(text)).text, today, locale, new Spans(), { skipWeekdays });
}

describe('date helpers', () => {
  it('parses and formats YYYY-MM-DD, rejecting impossible dates', () => {
    expect(parseYmd('2026-02-29')).toBeUndefined();
    expect(parseYmd('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseYmd('26-1-1')).toBeUndefined();
    expect(formatYmd({ y: 2026, m: 1, d: 5 })).toBe('2026-01-05');
  });

  it('adds months clamping to the last day', () => {
    expect(formatYmd(addMonths({ y: 2026, m: 1, d: 31 }, 1))).toBe('2026-02-28');
    expect(formatYmd(addMonths({ y: 2026, m: 12, d: 15 }, 1))).toBe('2027-01-15');
  });
});

describe('findDate (today = Monday 2026-11-23)', () => {
  it.each([
    ['dia 15', '2026-12-15'],
    ['dia 23', '2026-11-23'], // today counts
    ['dia 24', '2026-11-24'],
    ['dia 31', '2026-12-31'], // November has no 31st
    ['dia 30', '2026-11-30'],
    ['15/12', '2026-12-15'],
    ['15/11', '2027-11-15'], // already past this year
    ['23/11', '2026-11-23'],
    ['15/12/2026', '2026-12-15'],
    ['15/12/26', '2026-12-15'],
    ['15-12-2026', '2026-12-15'],
    ['15.12.2026', '2026-12-15'],
    ['2026-12-15', '2026-12-15'],
    ['15 de dezembro', '2026-12-15'],
    ['15 dezembro', '2026-12-15'],
    ['15 de dez', '2026-12-15'],
    ['dia 15 de dezembro de 2027', '2027-12-15'],
    ['1o de marco', '2027-03-01'],
    ['quinze de janeiro', '2027-01-15'],
    ['hoje', '2026-11-23'],
    ['amanha', '2026-11-24'],
    ['amanhã', '2026-11-24'],
    ['depois de amanha', '2026-11-25'],
    ['semana que vem', '2026-11-30'],
    ['proxima semana', '2026-11-30'],
    ['segunda', '2026-11-30'], // strictly after today (a Monday)
    ['terça', '2026-11-24'],
    ['quarta-feira', '2026-11-25'],
    ['sexta', '2026-11-27'],
    ['sabado', '2026-11-28'],
    ['domingo', '2026-11-29'],
    ['proxima sexta', '2026-11-27'],
    ['sexta que vem', '2026-11-27'],
    ['sexta da semana que vem', '2026-12-04'],
    ['semana que vem na quarta', '2026-12-02'],
    ['fim do mes', '2026-11-30'],
    ['final do mes que vem', '2026-12-31'],
    ['fim do proximo mes', '2026-12-31'],
    ['inicio do mes que vem', '2026-12-01'],
    ['mes que vem', '2026-12-23'],
    ['daqui a 10 dias', '2026-12-03'],
    ['daqui 2 semanas', '2026-12-07'],
    ['daqui a 2 meses', '2027-01-23'],
    ['em 15 dias', '2026-12-08'],
    ['dia 5 do mes que vem', '2026-12-05'],
    ['dia 31 do mes que vem', '2026-12-31'],
  ])('%s -> %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it.each([
    ['tomorrow', '2026-11-24'],
    ['today', '2026-11-23'],
    ['next week', '2026-11-30'],
    ['next friday', '2026-11-27'],
    ['friday', '2026-11-27'],
    ['Dec 15', '2026-12-15'],
    ['December 15th, 2027', '2027-12-15'],
    ['15th of December', '2026-12-15'],
    ['on the 3rd', '2026-12-03'],
    ['end of the month', '2026-11-30'],
    ['end of next month', '2026-12-31'],
    ['next month', '2026-12-23'],
    ['in 10 days', '2026-12-03'],
    ['in 2 months', '2027-01-23'],
    ['12/15', '2026-12-15'], // en: month/day first
    ['15/12', '2026-12-15'], // not a month/day: day/month
  ])('en: %s -> %s', (text, expected) => {
    expect(date(text, MONDAY, 'en')).toBe(expected);
  });

  it('reads numeric dates as day/month in pt-BR and month/day first in English', () => {
    expect(date('05/12')).toBe('2026-12-05');
    expect(date('05/12', MONDAY, 'en')).toBe('2027-05-12');
  });

  it('resolves across the year end', () => {
    const dec30 = parseYmd('2026-12-30') as Ymd;
    expect(date('dia 5', dec30)).toBe('2027-01-05');
    expect(date('amanha', dec30)).toBe('2026-12-31');
    expect(date('semana que vem', dec30)).toBe('2027-01-06');
    expect(date('fim do mes', dec30)).toBe('2026-12-31');
  });

  it('takes the first date in the text', () => {
    expect(date('pago 500 dia 10 e o resto dia 20')).toBe('2026-12-10');
    expect(date('nao consigo amanha, so sexta')).toBe('2026-11-24');
  });

  it.each([
    'manda a segunda via', 'quinta parcela', 'segunda opcao', '31/02', '45/12', 'dia 40', '1.500',
    '12 meses', 'em 3 meses', '15 dias de atraso', 'R$ 10,12', 'dezembro',
  ])('no date in %j', (text) => {
    expect(date(text)).toBeUndefined();
  });

  it('skips weekday words used as ordinals when asked', () => {
    expect(date('a segunda', MONDAY, 'pt-BR', true)).toBeUndefined();
    expect(date('a segunda', MONDAY, 'pt-BR', false)).toBe('2026-11-30');
  });

  it('claims the characters of every date it read', () => {
    const spans = new Spans();
    const text = 'dia 10 e 15/12';
    findDate(text, MONDAY, 'pt-BR', spans);
    expect(spans.overlaps(4, 6)).toBe(true);
    expect(spans.overlaps(9, 14)).toBe(true);
  });
});
