import { describe, expect, it } from 'vitest';
import { formatSaoPauloTime, renderEvidencePdf, summarizeEvent } from '../../src/http/evidencePdf.js';
import type { DebtorEvidence, EvidenceEvent } from '../../src/storage/debtorEvidence.js';
import { pdfPageCount, pdfTextLines } from '../helpers/pdfText.js';

const HEAD = 'ab'.repeat(32);

function event(i: number, type: string, data: Record<string, unknown>, extra: Partial<EvidenceEvent> = {}): EvidenceEvent {
  return { id: String(100 + i), at: `2026-03-10T15:${String(i % 60).padStart(2, '0')}:00.000Z`, type, actor: 'bot', actorName: null, conversationId: 'c1', data, prevHash: '0'.repeat(64), hash: HEAD, ...extra };
}

const OFFER = { kind: 'installments', totalCents: 123_456, discountPercent: 0, installments: 3, installmentCents: 41_152, firstDueDate: '2026-04-10' };

function evidence(events: EvidenceEvent[], chain: DebtorEvidence['chain'] = {
    ok: true,
    events: 42,
    firstBroken: null,
    head: { id: '141', at: '2026-03-10T16:00:00.000Z', hash: HEAD },
    streams: 5,
    brokenStreams: 0,
    checkpoint: { id: '9', at: '2026-03-10T16:05:00.000Z', streams: 5, events: '42', signatureChecked: true },
  }): DebtorEvidence {
  return {
    generatedAt: '2026-03-11T12:00:00.000Z',
    creditor: { name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181' },
    debtor: { id: 'd1', companyName: 'Padaria Pão Quente Ltda', cnpj: '11444777000161' },
    period: { from: events[0]?.at ?? null, to: events.at(-1)?.at ?? null },
    events,
    chain,
  };
}

const EVENTS = [
  event(0, 'conversation.opened', { channel: 'whatsapp' }, { actor: 'system' }),
  event(1, 'message.in', { messageId: 'm1', textHmac: 'x', textLength: 8 }, { actor: 'debtor', message: { id: 'm1', text: 'Bom dia 🙂', textVerified: true } }),
  event(2, 'offer.made', { offer: OFFER, round: 2 }),
  event(3, 'agreement.created', { agreementId: 'ACXYZ', offer: OFFER, installments: [{ n: 1, dueDate: '2026-04-10', amountCents: 41_152 }] }),
  event(4, 'agent.message', { messageId: 'm2', textHmac: 'y' }, { actor: 'user:u1', actorName: 'Ana Agente', message: { id: 'm2', text: null, textVerified: null } }),
  event(5, 'message.in', { messageId: 'm3', textHmac: 'z' }, { actor: 'debtor', message: { id: 'm3', text: 'texto trocado', textVerified: false } }),
];

describe('evidence PDF', () => {
  it('formats times in São Paulo', () => {
    expect(formatSaoPauloTime('2026-03-10T15:00:00.000Z')).toBe('10/03/2026 12:00:00');
    expect(formatSaoPauloTime('2026-01-01T02:30:05.000Z')).toBe('31/12/2025 23:30:05');
  });

  it('summarises events in Portuguese, amounts with formatMoney', () => {
    expect(summarizeEvent(EVENTS[1]!)).toBe('Devedor escreveu: “Bom dia 🙂” [confere com a trilha]');
    expect(summarizeEvent(EVENTS[2]!)).toBe('Proposta parcelado: 3x de R$ 411,52 (total R$ 1.234,56), 1º vencimento em 10/04/2026 (rodada 2)');
    expect(summarizeEvent(EVENTS[3]!)).toContain('Acordo ACXYZ formalizado');
    expect(summarizeEvent(EVENTS[3]!)).toContain('1ª 10/04/2026 R$ 411,52');
    expect(summarizeEvent(EVENTS[4]!)).toBe('Atendente escreveu: (texto apagado ou indisponível)');
    expect(summarizeEvent(EVENTS[5]!)).toContain('[NÃO CONFERE com a trilha]');
  });

  it('writes a readable A4 document: parties, period, events, chain status and last hash', async () => {
    const pdf = await renderEvidencePdf(evidence(EVENTS), { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdfPageCount(pdf)).toBe(1);
    const text = pdfTextLines(pdf).join('\n');
    for (const s of [
      'Distribuidora Exemplo Ltda, CNPJ 11.222.333/0001-81',
      'Padaria Pão Quente Ltda, CNPJ 11.444.777/0001-61',
      '10/03/2026 12:00:00 a 10/03/2026 12:05:00',
      'Devedor escreveu: “Bom dia ?”',
      'R$ 411,52',
      'Ana Agente',
      'message.in',
      'Íntegra: 42 eventos',
      HEAD,
      'Último checkpoint assinado: #9',
      'página 1 de 1',
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it('says plainly where a broken chain breaks', async () => {
    const pdf = await renderEvidencePdf(
      evidence(EVENTS, { ok: false, events: 7, firstBroken: { id: '107', at: '2026-03-10T15:00:00.000Z', type: 'message.in', expected: 'c'.repeat(64), found: 'd'.repeat(64), stream: 'conversation:c1', problem: 'hash' }, head: null, streams: 5, brokenStreams: 1, checkpoint: null }),
      { compress: false },
    );
    const text = pdfTextLines(pdf).join('\n');
    expect(text).toContain('QUEBRADA');
    expect(text).toContain('#107');
    expect(text).toContain('c'.repeat(64));
    expect(text).toContain('d'.repeat(64));
  });

  it('runs over as many pages as the trail needs, repeating the table header, numbered', async () => {
    const many = Array.from({ length: 150 }, (_, i) => event(i, 'message.in', { messageId: `m${i}`, textHmac: 'x' }, { actor: 'debtor', message: { id: `m${i}`, text: `mensagem número ${i} `.repeat(8), textVerified: true } }));
    const pdf = await renderEvidencePdf(evidence(many));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(3);
    const text = pdfTextLines(pdf).join('\n');
    expect(text).toContain(`página ${pages} de ${pages}`);
    expect(text.split('Data e hora').length - 1).toBe(pages);
  });
});
