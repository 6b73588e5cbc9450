import { describe, expect, it } from 'vitest';
import { checkHostility } from '../../../src/phrasing/guardrails/hostility.js';
import { HOSTILITY } from '../../../src/phrasing/guardrails/lexicons.js';
import { TEMPLATES, factsFor, templateText } from './fixtures.js';

const REF = 'Uma proposta: pagamento à vista de R$ 11.106,50.';
const trips = (text: string, template = REF): boolean => checkHostility(text, template, {}).length > 0;

describe('hostility', () => {
  it.each([
    // the brief's list, pt-BR and en
    'Vamos processar a sua empresa.',
    'O título vai para protesto.',
    'Vamos negativar o CNPJ.',
    'Seu nome vai para o Serasa.',
    'Incluiremos a empresa no SPC.',
    'Partiremos para a cobrança judicial.',
    'Com o seu nome sujo, fica difícil.',
    'Que vergonha!',
    'Não seja caloteiro.',
    'Esta é a sua última chance.',
    'Pague imediatamente.',
    'Pague, ou então...',
    'Pague até sexta, ou então vamos tomar outras medidas.',
    'We will sue your company.',
    'You must pay now.',
    "Don't be a deadbeat.",
    'This is your last chance.',
    'Pay up or else.',
    // accent-free, misspelt, leetspeak, spelled out, disguised
    'ultima chance pra vc',
    'vamos prosesar vcs',
    'vai pro cerasa',
    'seu nome no S3R@S@',
    'seu CNPJ no S.P.C.',
    'seu CNPJ no S P C',
    'vai pro s-e-r-a-s-a',
    'não queremos nejativar ninguém',
    'seu kaloteiro',
    'caluteiro',
    'que vergoinha', // not listed: see the next test
  ].slice(0, -1))('trips on %s', (text) => {
    expect(trips(text)).toBe(true);
  });

  it('catches words split by invisible characters or written with look-alike letters', () => {
    expect(trips('Seu nome no Se\u200Brasa.')).toBe(true);
    expect(trips('Seu nome no Ѕеrаѕа.')).toBe(true); // Cyrillic look-alikes
    expect(trips('Seu nome no ＳＥＲＡＳＡ.')).toBe(true); // fullwidth
  });

  it.each([
    'Podemos oferecer pagamento à vista ou então parcelado.', // benign "ou então"
    'Se não for possível, me diga o que cabe no caixa.',
    'Seu pagamento será processado assim que o PIX for confirmado.',
    'Vou processar o seu pedido agora.',
    'Por segurança, as tentativas de identificação estão bloqueadas até 15:30.',
    'Não enviaremos mais mensagens de cobrança por este canal.',
    'Essas são as condições que consigo oferecer agora.',
    'Recebi uma resposta negativa do sistema, vamos tentar de novo.',
    'Podemos expor as condições com calma.',
    'Those are the terms I can offer right now.',
    'An offer: pay R$11,106.50 at once, a 10% discount.',
    'I understand this can be frustrating.',
    'A person on our team will continue the conversation.',
    'The process is simple.',
  ])('does not trip on %s', (text) => {
    expect(checkHostility(text, REF, {})).toEqual([]);
  });

  it('conditional threats need a threat after the condition', () => {
    expect(trips('Caso contrário, seremos obrigados a tomar providências.')).toBe(true);
    expect(trips('Caso contrário, é só me avisar.')).toBe(false);
    expect(trips('Otherwise, we will have to take further steps.')).toBe(true);
    expect(trips('Otherwise, just let me know.')).toBe(false);
  });

  it('does not read the names of the creditor or the debtor as word choices', () => {
    const facts = { creditor: { name: 'Protesto Zero Cobranças Ltda' } };
    expect(checkHostility('Olá! Aqui é a Protesto Zero Cobranças Ltda.', 'Olá! Aqui é a Protesto Zero Cobranças Ltda.', facts)).toEqual([]);
    expect(checkHostility('Olá! Aqui é a Protesto Zero Cobranças Ltda. Vamos protestar.', 'Olá! Aqui é a Protesto Zero Cobranças Ltda.', facts)).toHaveLength(1);
  });

  it('passes every real template, both locales', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of Object.keys(TEMPLATES[locale])) expect(checkHostility(templateText(key, locale), '', factsFor(key)), `${locale} ${key}`).toEqual([]);
    }
  });

  it('says which entry tripped and why', () => {
    const [f] = checkHostility('Vamos negativar a empresa.', REF, {});
    expect(f).toEqual({ check: 'hostility', detail: expect.stringMatching(/^credit bureau: "negativar" \(.+\)$/) });
  });

  it('documents every lexicon entry', () => {
    for (const e of HOSTILITY) expect(e.why.length, e.phrase).toBeGreaterThan(3);
  });
});
