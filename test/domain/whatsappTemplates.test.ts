import { describe, expect, it } from 'vitest';
import { parseWhatsAppTemplates, placeholdersOf } from '../../src/domain/whatsappTemplates.js';

const texts = {
  'pt-BR': { 'agreement.receipt': 'Recebemos {agreement.receipt.amountCents|money} do acordo {agreement.id}.{#each agreement.receipt.installments}• {item.n}{/each}' },
  en: { 'agreement.receipt': 'We received {agreement.receipt.amountCents|money} for agreement {agreement.id}.' },
};

describe('WhatsApp template mapping', () => {
  it("takes a text's placeholders outside its {#each} blocks, each once", () => {
    expect(placeholdersOf(texts['pt-BR']['agreement.receipt'])).toEqual(['agreement.receipt.amountCents|money', 'agreement.id']);
    expect(placeholdersOf('{a.b} e {a.b} e {c|date}')).toEqual(['a.b', 'c|date']);
  });

  it('accepts parameters that are facts of their message, in order', () => {
    const body = { templates: { 'agreement.receipt': { name: 'recibo_pagamento', language: 'pt_BR', parameters: ['agreement.id', 'agreement.receipt.amountCents|money'] } } };
    expect(parseWhatsAppTemplates(body, texts)).toEqual({ ok: true, value: body });
  });

  it('says what is wrong: a name Meta would not have, a language code, a fact the message lacks, an unknown message or field', () => {
    const r = parseWhatsAppTemplates({ templates: { 'agreement.receipt': { name: 'Recibo Pagamento', language: 'portuguese', parameters: [] } } }, texts);
    expect(r).toEqual({ ok: false, errors: ['templates.agreement.receipt.name: lower-case letters, digits and _ (the name approved in WhatsApp Manager)', 'templates.agreement.receipt.language: a WhatsApp language code such as pt_BR or en_US'] });
    expect(parseWhatsAppTemplates({ templates: { 'agreement.receipt': { name: 'r', language: 'pt_BR', parameters: ['item.n'] } } }, texts)).toEqual({
      ok: false,
      errors: ['templates.agreement.receipt.parameters.0: "item.n" is not a fact of agreement.receipt; its text uses agreement.receipt.amountCents|money, agreement.id'],
    });
    expect(parseWhatsAppTemplates({ templates: { 'offer.proposal': { name: 'r', language: 'pt_BR', parameters: [] } } }, texts).ok).toBe(false);
    expect(parseWhatsAppTemplates({ templates: {}, extra: 1 }, texts).ok).toBe(false);
  });
});
