import { describe, expect, it } from 'vitest';
import { numbersFromFacts } from '../../../src/phrasing/guardrails/allowedNumbers.js';
import { checkNumbers } from '../../../src/phrasing/guardrails/numbers.js';
import type { Locale } from '../../../src/phrasing/guardrails/checkText.js';
import { AGREEMENT, factsFor, LOCK, pix, templateText } from './fixtures.js';

function fails(key: string, locale: Locale, text: string, extra: { now?: string } = {}): string[] {
  return checkNumbers({ text, templateText: templateText(key, locale), facts: factsFor(key), locale, ...extra }).map((f) => f.detail);
}

describe('numbers: values from the facts, whatever the writing', () => {
  it('accepts the template itself, for every key and locale', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of ['welcome', 'debt.summary', 'offer.cash', 'offer.installments', 'agreement.term', 'agreement.existing', 'identify.locked', 'handoff.notice', 'handoff.resumed', 'handoff.waitingUntil', 'offer.askProposal']) {
        expect(fails(key, locale, templateText(key, locale)), `${locale} ${key}`).toEqual([]);
      }
    }
  });

  it('accepts the same amount, rate and date written other ways', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: 11.106,50 reais, dez por cento de desconto, por PIX até 15 de dezembro de 2026.')).toEqual([]);
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$11106,50, 10 % de desconto, por PIX até 15/12.')).toEqual([]);
    expect(fails('offer.cash', 'en', 'Pay R$11,106.50 at once (ten percent off) by PIX until December 15, 2026.')).toEqual([]);
  });

  it('rejects an amount off by a cent, rounded, or reformatted into another value', () => {
    for (const wrong of ['R$ 11.106,51', 'R$ 11.106,00', 'R$ 11.106', 'cerca de 11 mil reais', 'R$ 11k']) {
      const f = fails('offer.cash', 'pt-BR', `À vista: ${wrong}, 10% de desconto, via PIX até 15/12/2026.`);
      expect(f.join('\n'), wrong).toMatch(/is not in the facts/);
    }
  });

  it('rejects a changed percentage, count or date, and names it', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 12% de desconto, via PIX até 15/12/2026.')[0]).toMatch(/"12%" \(percentage 12%\)/);
    expect(fails('offer.installments', 'pt-BR', '8 parcelas de R$ 2.056,76 (total de R$ 12.340,56), a primeira em 15/12/2026.')[0]).toMatch(/"8 parcelas" \(count 8\)/);
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até 16/12/2026.')[0]).toMatch(/date 2026-12-16/);
  });

  it('requires what the template states from the facts: amounts, rates, dates, codes, the number of instalments', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50 via PIX até 15/12/2026.')).toEqual(['"10%" (percentage 10%) from the template is missing']);
    expect(fails('offer.installments', 'pt-BR', 'Parcelas de R$ 2.056,76 (total de R$ 12.340,56), a primeira em 15/12/2026.')).toEqual(['the number of instalments (6) from the template is missing']);
    expect(fails('offer.installments', 'pt-BR', 'Seis parcelas de R$ 2.056,76, total de R$ 12.340,56.').join()).toMatch(/15\/12\/2026.*missing/);
  });

  it('accepts a day-month without year for a fact date, and "dia 15" only when the template has it', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até 15/12.')).toEqual([]);
    expect(fails('offer.askProposal', 'pt-BR', 'Diga quanto pode pagar, por exemplo "3 parcelas de 500" ou "R$ 2.000 à vista no dia 15".')).toEqual([]);
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até 15/12/2026, ou no dia 20.').join()).toMatch(/"20" \(date ---20\)/);
  });

  it('checks a weekday next to a date against that date, and refuses a weekday on its own', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até terça-feira, 15/12/2026.')).toEqual([]);
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até segunda, dia 15/12/2026.')[0]).toMatch(/not a segunda/);
    expect(fails('offer.cash', 'en', 'Pay R$11,106.50 at once, a 10% discount, by PIX by Friday, 12/15/2026.')[0]).toMatch(/not a Friday/);
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, até 15/12/2026 (pague na sexta-feira).').join()).toMatch(/sexta-feira/);
    // The weekday of a fact instant, next to its date: 23/11/2026 is a Monday.
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir das 8h de segunda-feira, 23/11.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'en', 'A person will answer here from 8 AM on Monday, November 23.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir das 8h de terça, 23/11.')[0]).toMatch(/not a terça/);
    // Business hours are no longer in the template: the old "segunda a sexta" is a day nobody gave.
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir de 23/11, às 8h (atendemos de segunda a sexta).').join()).toMatch(/"segunda" \(weekday segunda\) names a day/);
  });

  it('refuses relative dates the facts cannot back', () => {
    expect(fails('offer.cash', 'pt-BR', 'À vista: R$ 11.106,50, 10% de desconto, via PIX até amanhã (15/12/2026).')[0]).toMatch(/"amanha"/);
    expect(fails('offer.installments', 'en', '6 instalments of R$2,056.76 (R$12,340.56 in total), the first next week, on 12/15/2026.')[0]).toMatch(/"next week"/);
  });

  it('knows the lock lasts one hour and shows its local time', () => {
    expect(fails('identify.locked', 'pt-BR', 'Por segurança, as tentativas ficam bloqueadas por 1 hora, até 23/11 às 15:30.')).toEqual([]);
    expect(fails('identify.locked', 'pt-BR', 'Por segurança, bloqueadas por 60 minutos, até 15h30 de 23/11.')).toEqual([]);
    expect(fails('identify.locked', 'pt-BR', 'Bloqueadas por 2 horas, até 23/11 às 15:30.')[0]).toMatch(/"2 horas"/);
    expect(fails('identify.locked', 'en', 'Blocked until 11/23 at 3:30 PM.')).toEqual([]);
    expect(fails('identify.locked', 'en', 'Blocked until 11/23 at 3:30.')).toEqual([]); // 03:30 or 15:30
    expect(numbersFromFacts({ lock: LOCK }, { timeZone: 'America/Sao_Paulo' }).times.has(15 * 60 + 30)).toBe(true);
  });

  it('derives day counts to a fact date when the send time is given', () => {
    const text = 'À vista: R$ 11.106,50, 10% de desconto, via PIX até 15/12/2026 (daqui a 22 dias).';
    expect(fails('offer.cash', 'pt-BR', text).join()).toMatch(/"22 dias"/);
    expect(fails('offer.cash', 'pt-BR', text, { now: '2026-11-23T12:00:00Z' })).toEqual([]);
  });

  it('allows the time a person answers (handoff.answerBy) in any writing, and no other time', () => {
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir das 8 horas do dia 23/11.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir das oito horas de 23 de novembro.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir de 23/11, às 08h00.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'en', 'A person will answer here from 8 am on 11/23.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'en', 'A person will answer here starting November 23 at 8:00 AM.')).toEqual([]);
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir de 23/11, às 9h.').join()).toMatch(/"9h" \(time 09:00\)/);
    expect(fails('handoff.waitingUntil', 'en', 'A person will answer here from 11/23 at 8 PM.').join()).toMatch(/time 20:00/);
    // The facts carry the instant in UTC (11:00Z): its UTC hour is a misreading, not another writing.
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir de 23/11, às 11h.').join()).toMatch(/"11h" \(time 11:00\)/);
    // What the template states must stay: the time and the date.
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa responde aqui a partir de 23/11.')).toEqual(['"08:00" (time 08:00) from the template is missing']);
    expect(fails('handoff.waitingUntil', 'en', 'A person will answer here from 8 AM.')).toEqual(['"11/23" (date --11-23) from the template is missing']);
  });

  it('allows a literal of the template in any writing', () => {
    expect(fails('identify.askCnpjAgain', 'pt-BR', 'Para começar, preciso do CNPJ da empresa: são catorze caracteres, com ou sem pontuação.')).toEqual([]);
    expect(fails('identify.askCnpjAgain', 'pt-BR', 'Para começar, preciso do CNPJ da empresa (15 caracteres).').join()).toMatch(/"15 caracteres"/);
  });

  it('requires PIX codes and the agreement id verbatim', () => {
    const t = templateText('agreement.term', 'pt-BR');
    expect(fails('agreement.term', 'pt-BR', t)).toEqual([]);
    const altered = t.replace(pix(3), pix(3).slice(0, -1) + (pix(3).endsWith('0') ? '1' : '0'));
    expect(fails('agreement.term', 'pt-BR', altered).join()).toMatch(/must be copied verbatim/);
    const cut = t.replace(pix(1), pix(1).slice(0, 60));
    expect(fails('agreement.term', 'pt-BR', cut).join()).toMatch(/must be copied verbatim/);
    expect(fails('agreement.followUp', 'pt-BR', `Seu acordo nº ${AGREEMENT.id.toLowerCase()} está registrado.`).join()).toMatch(/verbatim/);
  });

  it('does not count written small numbers that are not quantities', () => {
    expect(fails('handoff.waitingUntil', 'pt-BR', 'Uma pessoa da equipe responde aqui a partir das 8h de 23/11, e você não precisa repetir nada. Um abraço!')).toEqual([]);
    expect(fails('handoff.notice', 'en', 'One person on our team will continue here; there is no need to repeat anything.')).toEqual([]);
    expect(fails('common.insult', 'pt-BR', 'Entendo. Quero um acordo bom para os dois lados.')).toEqual([]);
    expect(fails('offer.installments', 'en', 'A first instalment on 12/15/2026, then one each month: 6 instalments of R$2,056.76, R$12,340.56 in total.')).toEqual([]);
  });

  it('rejects another debtor\'s CNPJ or a phone number as unknown codes', () => {
    expect(fails('welcome', 'pt-BR', templateText('welcome', 'pt-BR') + ' Ou o CNPJ 45.723.174/0001-10.').join()).toMatch(/45\.723\.174/);
    expect(fails('welcome', 'pt-BR', templateText('welcome', 'pt-BR') + ' Ligue (11) 98765-4321.').join()).toMatch(/98765/);
  });
});
