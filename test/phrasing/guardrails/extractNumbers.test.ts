import { describe, expect, it } from 'vitest';
import { extractNumbers, normalizeCode, type NumberKind } from '../../../src/phrasing/guardrails/extractNumbers.js';
import type { Locale } from '../../../src/phrasing/guardrails/checkText.js';

/** "kind:value" of every mention, in order. */
function read(text: string, locale: Locale = 'pt-BR'): string[] {
  return extractNumbers(text, locale).map((m) => `${m.kind}:${m.value}`);
}

function only(text: string, kind: NumberKind, locale: Locale = 'pt-BR'): (number | string)[] {
  return extractNumbers(text, locale)
    .filter((m) => m.kind === kind)
    .map((m) => m.value);
}

describe('extractNumbers: money in integer cents', () => {
  it.each([
    ['R$ 1.234,56', 123456],
    ['R$1.234,56', 123456],
    ['pague 1234,56 até lá', 123456],
    ['R$1,234.56', 123456],
    ['1.234,56 reais', 123456],
    ['1.234 reais', 123400],
    ['mil reais', 100000],
    ['mil e duzentos reais', 120000],
    ['dois mil', 200000],
    ['2 mil', 200000],
    ['R$ 2k', 200000],
    ['2,5 mil', 250000],
    ['2 mil e 500', 250000],
    ['R$ 12 mil', 1200000],
    ['R$ dois mil', 200000],
    ['dois mil e cinquenta e seis reais e setenta e seis centavos', 205676],
    ['onze mil, cento e seis reais e cinquenta centavos', 1110650],
    ['R$ 535,58', 53558],
    ['535,58', 53558],
    ['3 parcelas de 500', 50000],
    ['6x de 2.056,76', 205676],
    ['$2,000.50', 200050],
    ['2,000 dollars', 200000],
    ['two thousand', 200000],
    ['50 centavos', 50],
  ])('%s -> %i cents', (text, cents) => {
    expect(only(text, 'money')).toEqual([cents]);
  });

  it('keeps "2.000" without a currency as the number 2000, with R$ 2.000,00 as an alternative reading', () => {
    const [m] = extractNumbers('algo como 2.000 à vista', 'pt-BR');
    expect(m).toMatchObject({ kind: 'number', value: 2000, alts: [{ kind: 'money', value: 200000 }] });
  });
});

describe('extractNumbers: percentages in basis points', () => {
  it.each([
    ['10%', 1000],
    ['10 %', 1000],
    ['dez por cento', 1000],
    ['ten percent', 1000],
    ['7,5%', 750],
    ['7.5%', 750],
    ['10,00%', 1000],
    ['um por cento', 100],
    ['4,76% de desconto', 476],
  ])('%s -> %i bp', (text, bp) => {
    expect(only(text, 'percent')).toEqual([bp]);
  });
});

describe('extractNumbers: dates as YYYY-MM-DD or partial ISO', () => {
  it.each([
    ['15/12', 'pt-BR', '--12-15'],
    ['15/12/2026', 'pt-BR', '2026-12-15'],
    ['15/12/26', 'pt-BR', '2026-12-15'],
    ['2026-12-15', 'pt-BR', '2026-12-15'],
    ['15 de dezembro', 'pt-BR', '--12-15'],
    ['15 de dezembro de 2026', 'pt-BR', '2026-12-15'],
    ['15 de dez', 'pt-BR', '--12-15'],
    ['quinze de dezembro', 'pt-BR', '--12-15'],
    ['primeiro de março', 'pt-BR', '--03-01'],
    ['1º de março', 'pt-BR', '--03-01'],
    ['December 15', 'en', '--12-15'],
    ['December 15, 2026', 'en', '2026-12-15'],
    ['Dec. 15th, 2026', 'en', '2026-12-15'],
    ['the 15th of December', 'en', '--12-15'],
    ['12/15/2026', 'en', '2026-12-15'],
    ['05/06/2026', 'en', '2026-05-06'],
    ['05/06/2026', 'pt-BR', '2026-06-05'],
    ['15/12/2026', 'en', '2026-12-15'], // no month 15: the other order
    ['dia 15', 'pt-BR', '---15'],
    ['todo dia quinze', 'pt-BR', '---15'],
    ['on the 15th', 'en', '---15'],
    ['a primeira em dezembro', 'pt-BR', '--12'],
  ] as const)('%s (%s) -> %s', (text, locale, value) => {
    expect(only(text, 'date', locale)).toEqual([value]);
  });

  it('reads relative dates and weekdays, but not ordinals that look like weekdays', () => {
    expect(only('até amanhã', 'relative')).toEqual(['amanha']);
    expect(only('by tomorrow, or next week', 'relative', 'en')).toEqual(['tomorrow', 'next week']);
    expect(only('de segunda a sexta', 'weekday')).toEqual([1, 5]);
    expect(only('na sexta-feira', 'weekday')).toEqual([5]);
    expect(only('a segunda parcela', 'weekday')).toEqual([]);
    expect(only('Monday to Friday', 'weekday', 'en')).toEqual([1, 5]);
  });

  it('does not read "1 out of 3" as the 1st of October', () => {
    expect(only('payment 1 out of 3', 'date', 'en')).toEqual([]);
  });
});

describe('extractNumbers: times as minutes after midnight', () => {
  it.each([
    ['14:30', 'pt-BR', 870],
    ['14h30', 'pt-BR', 870],
    ['8h', 'pt-BR', 480],
    ['às 18 horas', 'pt-BR', 1080],
    ['2:30 PM', 'en', 870],
    ['02:30 PM', 'en', 870],
    ['8am', 'en', 480],
    ['6 pm', 'en', 1080],
  ] as const)('%s -> %i', (text, locale, minutes) => {
    expect(only(text, 'time', locale)).toEqual([minutes]);
  });

  it('reads an English time without am/pm both ways', () => {
    const [m] = extractNumbers('at 2:30', 'en');
    expect(m).toMatchObject({ kind: 'time', value: 150, alts: [{ kind: 'time', value: 870 }] });
  });
});

describe('extractNumbers: counts', () => {
  it.each([
    ['6 parcelas', 6, 'installments'],
    ['seis parcelas', 6, 'installments'],
    ['6x', 6, 'installments'],
    ['6 vezes', 6, 'installments'],
    ['six instalments', 6, 'installments'],
    ['6 installments', 6, 'installments'],
    ['3 monthly instalments', 3, 'installments'],
    ['6 equal monthly instalments', 6, 'installments'],
    ['em 3 pagamento(s)', 3, 'installments'],
    ['2 título(s)', 2, 'invoices'],
    ['duas notas', 2, 'invoices'],
    ['15 dias', 15, 'days'],
    ['1 hora', 1, 'hours'],
    ['60 minutos', 60, 'minutes'],
    ['24h', 24, 'hours'],
    ['14 caracteres', 14, 'other'],
  ] as const)('%s -> %i %s', (text, value, unit) => {
    const ms = extractNumbers(text, 'pt-BR').filter((m) => m.kind === 'count');
    expect(ms.map((m) => [m.value, m.unit])).toEqual([[value, unit]]);
  });
});

describe('extractNumbers: written small numbers that are not quantities', () => {
  it.each([
    'Fale com uma pessoa da nossa equipe.',
    'Um acordo bom para os dois lados.',
    'Responda com o número de uma das opções.',
    'A first instalment, then one of the options.',
    'Uma parcela por mês, a primeira em breve.',
    'Juros zero? Não.',
    'One open invoice is enough.',
  ])('%s', (text) => {
    expect(extractNumbers(text, text.startsWith('A ') || text.startsWith('One') ? 'en' : 'pt-BR')).toEqual([]);
  });
});

describe('extractNumbers: codes and ordinals', () => {
  it('reads CNPJ, CPF, phones, invoice numbers and alphanumeric codes as codes', () => {
    expect(only('CNPJ 11.222.333/0001-81', 'code')).toEqual(['11222333000181']);
    expect(only('CNPJ 12.ABC.345/01DE-35', 'code')).toEqual(['12ABC34501DE35']);
    expect(only('CPF 123.456.789-09', 'code')).toEqual(['12345678909']);
    expect(only('ligue (11) 98765-4321', 'code')).toEqual(['11987654321']);
    expect(only('call +1 (555) 123-4567', 'code', 'en')).toEqual(['15551234567']);
    expect(only('NF 10234', 'code')).toEqual(['10234']);
    expect(only('nota nº 00123', 'code')).toEqual(['123']);
    expect(only('acordo ACK7M2P9QX4TZ8W3', 'code')).toEqual(['ACK7M2P9QX4TZ8W3']);
  });

  it('reads ordinals and list markers', () => {
    expect(only('a 1ª parcela', 'ordinal')).toEqual([1]);
    expect(only('the 2nd instalment', 'ordinal', 'en')).toEqual([2]);
    expect(only('Parcelas:\n1. R$ 1,00\n2. R$ 2,50', 'ordinal')).toEqual([1, 2]);
  });

  it('normalises codes on letters and digits, without invoice prefixes or leading zeros', () => {
    expect(normalizeCode('NF-00123')).toBe('123');
    expect(normalizeCode('nº 10234')).toBe('10234');
    expect(normalizeCode('11.222.333/0001-81')).toBe('11222333000181');
  });
});

describe('extractNumbers: a whole message', () => {
  it('reads the rendered offer template', () => {
    expect(read('Uma proposta: 6 parcelas de R$ 2.056,76 (total de R$ 12.340,56), a primeira em 15/12/2026.')).toEqual([
      'count:6',
      'money:205676',
      'money:1234056',
      'date:2026-12-15',
    ]);
    expect(read('An offer: pay R$11,106.50 at once, a 10% discount, by PIX until 12/15/2026.', 'en')).toEqual([
      'money:1110650',
      'percent:1000',
      'date:2026-12-15',
    ]);
  });

  // A super-linear regex would hang on these and fail through the test timeout (no wall-clock bound).
  it('reads 100 KB of digits, separators and number words without blowing up', { timeout: 20_000 }, () => {
    for (const chunk of ['1.', '9-', '1:', '1/', 'seis mil e ', 'R$ 1.234,5 de dezembro dia 15 ', '(11) 9', '+1 ']) {
      const text = chunk.repeat(Math.ceil(100_000 / chunk.length)).slice(0, 100_000);
      expect(Array.isArray(extractNumbers(text, 'pt-BR')), chunk).toBe(true);
    }
  });
});
