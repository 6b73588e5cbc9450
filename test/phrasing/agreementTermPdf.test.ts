import { describe, expect, it } from 'vitest';
import { buildPixBrCode } from '../../src/domain/pixBrCode.js';
import { agreementTermFileName, renderAgreementTermPdf, termRates, type AgreementTerm } from '../../src/phrasing/agreementTermPdf.js';
import { pdfPageCount, pdfTextLines } from '../helpers/pdfText.js';

const HASH = '3f'.repeat(32);
const pix = (n: number, amountCents: number) =>
  buildPixBrCode({ key: 'financeiro@exemplo.com.br', merchantName: 'Distribuidora Exemplo', merchantCity: 'Sao Paulo', amountCents, txid: `ACTESTE0000000001P${n}` });

function term(over: Partial<AgreementTerm> = {}): AgreementTerm {
  const amounts = [139_861, 139_861, 139_862];
  return {
    id: 'ACTESTE0000000001',
    locale: 'pt-BR',
    timeZone: 'America/Sao_Paulo',
    creditor: { name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181' },
    debtor: { companyName: 'Padaria Pão Quente Ltda', cnpj: '11444777000161' },
    kind: 'installments',
    debtCents: 398_050,
    totalCents: 419_584,
    acceptedAt: '2026-12-02T13:05:00.000Z',
    lateFeeBasisPoints: 200,
    monthlyInterestBasisPoints: 100,
    acceptedMessageId: '6f1c2a9e-0d1b-4c55-9a3e-2b7d8e0f4a11',
    auditHash: HASH,
    simulated: false,
    installments: amounts.map((amountCents, k) => ({ n: k + 1, dueDate: `2027-0${k + 1}-10`, amountCents, pixCode: pix(k + 1, amountCents), txid: `ACTESTE0000000001P${k + 1}` })),
    ...over,
  };
}

// A wrapped line may break where the code has a space (the merchant's name): compare without spaces.
const squash = (s: string) => s.replace(/\s+/g, '');
// Images drawn (a PNG with transparency adds a soft mask object, not a drawing).
const imageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/I\d+ Do/g) ?? []).length;

describe('agreement term PDF', () => {
  it('prints creditor, debtor, amounts, kind, each instalment with its PIX code, the rates and the audit hash (pt-BR)', async () => {
    const t = term();
    const pdf = await renderAgreementTermPdf(t, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    const all = lines.join('\n');
    expect(all).toContain('Termo de acordo nº ACTESTE0000000001');
    expect(all).toContain('Distribuidora Exemplo Ltda, CNPJ 11.222.333/0001-81');
    expect(all).toContain('Padaria Pão Quente Ltda, CNPJ 11.444.777/0001-61');
    expect(all).toContain('Dívida negociada: ');
    expect(all).toContain('R$ 3.980,50');
    expect(all).toContain('R$ 4.195,84');
    expect(all).toContain('parcelado, em 3 parcelas');
    // 13:05 UTC is 10:05 in São Paulo.
    expect(all).toContain('02/12/2026 10:05 (America/Sao_Paulo)');
    expect(all).toContain('Vencimento: 10/01/2027    Valor: R$ 1.398,61');
    expect(all).toContain('Vencimento: 10/03/2027    Valor: R$ 1.398,62');
    for (const i of t.installments) {
      expect(all).toContain(`Parcela ${i.n}`);
      expect(squash(all)).toContain(squash(i.pixCode));
      expect(all).toContain(`Identificador (txid): ${i.txid}`);
    }
    expect(squash(all)).toContain(squash('multa de 2% e juros de 1% ao mês, pro rata die'));
    expect(all).toContain('6f1c2a9e-0d1b-4c55-9a3e-2b7d8e0f4a11');
    expect(all).toContain(HASH);
    expect(all).toContain('página 1 de 1');
    // One QR code image per instalment.
    expect(imageCount(pdf)).toBe(3);
  });

  it('speaks English in an English conversation, with English money and dates', async () => {
    const pdf = await renderAgreementTermPdf(term({ locale: 'en', kind: 'cash', totalCents: 358_245, installments: [{ n: 1, dueDate: '2026-12-09', amountCents: 358_245, pixCode: pix(1, 358_245), txid: 'ACTESTE0000000001P1' }] }), { compress: false });
    const all = pdfTextLines(pdf).join('\n');
    expect(all).toContain('Agreement term no. ACTESTE0000000001');
    expect(all).toContain('R$3,980.50');
    expect(all).toContain('R$3,582.45');
    expect(all).toContain('in cash, one payment');
    expect(all).toContain('Due date: 12/09/2026');
    expect(squash(all)).toContain(squash('a 2% late fee and 1% interest per month, pro rata die'));
    expect(all).not.toMatch(/Parcela|Vencimento/);
    expect(imageCount(pdf)).toBe(1);
  });

  it('prints fractional rates as the locale writes them', () => {
    expect(termRates({ locale: 'pt-BR', lateFeeBasisPoints: 250, monthlyInterestBasisPoints: 199 })).toEqual({ lateFee: '2,5%', monthlyInterest: '1,99%' });
    expect(termRates({ locale: 'en', lateFeeBasisPoints: 200, monthlyInterestBasisPoints: 100 })).toEqual({ lateFee: '2%', monthlyInterest: '1%' });
  });

  it('runs onto more pages for many instalments, every page numbered', async () => {
    const many = Array.from({ length: 12 }, (_, k) => ({ n: k + 1, dueDate: `2027-${String(k + 1).padStart(2, '0')}-05`, amountCents: 50_000, pixCode: pix(k + 1, 50_000), txid: `ACTESTE0000000001P${k + 1}` }));
    const pdf = await renderAgreementTermPdf(term({ installments: many, totalCents: 600_000 }), { compress: false });
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const all = pdfTextLines(pdf).join('\n');
    expect(all).toContain(`página ${pages} de ${pages}`);
    expect(all).toContain('Parcela 12');
    expect(imageCount(pdf)).toBe(12);
  });

  it('marks a simulator run and says when the hash or the accepting message is missing', async () => {
    const all = pdfTextLines(await renderAgreementTermPdf(term({ simulated: true, auditHash: null, acceptedMessageId: '' }), { compress: false })).join('\n');
    expect(all).toContain('SIMULAÇÃO');
    expect(all).toContain('(indisponível)');
    expect(all).toContain('(não registrada)');
  });

  it('names the file after the agreement, in the conversation’s language', () => {
    expect(agreementTermFileName({ id: 'ACTESTE0000000001', locale: 'pt-BR' })).toBe('termo-de-acordo-ACTESTE0000000001.pdf');
    expect(agreementTermFileName({ id: 'ACTESTE0000000001', locale: 'en' })).toBe('agreement-term-ACTESTE0000000001.pdf');
  });
});
