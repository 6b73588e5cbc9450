import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Kpis } from '../../src/domain/kpis.js';
import { kpisCsv } from '../../src/domain/kpisCsv.js';

const KPIS: Kpis = {
  period: { from: '2026-11-01', to: '2026-11-02', timeZone: 'America/Sao_Paulo', days: 2 },
  filters: { channel: 'whatsapp', flowVersion: null, bucket: null },
  portfolio: {
    asOf: '2026-12-02',
    debtors: 1234,
    openCents: 123_456_789_012,
    inAgreementCents: 5,
    byBucket: [
      { bucket: 'current', debtors: 4, openCents: 0 },
      { bucket: '1-30', debtors: 1230, openCents: 123_456_789_012 },
    ],
  },
  reach: { noticesSent: 30, noticesDeferred: 2, noticesBlocked: 1, debtorsNotified: 3, debtorsAnswered: 2, debtorsVerified: 1, contactRate: 0.6667, rightPartyRate: 0.3333 },
  conversations: { started: 10, verified: 8, offered: 6, agreed: 4, paid: 2, handedOff: 3, optedOut: 1, handoffRate: 0.3, verifiedToAgreementRate: 0.5 },
  negotiation: { offers: 7, medianSecondsToAgreement: 5400 },
  agreements: { count: 4, totalCents: 123_456, cash: 1, installments: 3, cashCents: 10_000, installmentsCents: 113_456, averageDiscountBasisPoints: 1250, averageInstallments: 3.5, renegotiations: 1, broken: 0 },
  payments: { count: 2, recoveredCents: 50_000, chargesCents: 199, overpaidCents: 0, unmatched: 1, unmatchedCents: 12_345 },
  promises: { due: 3, kept: 2, broken: 1, keptRate: 0.6667 },
  handoffs: { count: 3, byReason: { identity_locked: 1, dispute: 2 }, claimed: 2, medianSecondsToClaim: 90, optOuts: 1 },
  quality: { phrased: 20, llm: 15, template: 5, fellBack: 2, fallbackByCheck: { numbers: 2 }, turnsFailed: 0 },
  funnel: [
    { step: 'started', count: 10 },
    { step: 'verified', count: 8 },
    { step: 'offered', count: 6 },
    { step: 'agreed', count: 4 },
    { step: 'paid', count: 2 },
  ],
  series: [
    { date: '2026-11-01', agreements: 1, agreedCents: 10_000, payments: 0, recoveredCents: 0 },
    { date: '2026-11-02', agreements: 3, agreedCents: 113_456, payments: 2, recoveredCents: 50_000 },
  ],
};

describe('kpisCsv', () => {
  it('writes one typed figure per row, in pt-BR by default', () => {
    const out = kpisCsv(KPIS, 'pt-BR');
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.slice(1).split('\r\n')).toEqual([
      'Seção;Indicador;Data;Valor',
      'Período;De;;01/11/2026',
      'Período;Até;;02/11/2026',
      'Período;Dias;;2',
      'Período;Fuso horário;;America/Sao_Paulo',
      'Período;Canal;;whatsapp',
      'Período;Versão do fluxo;;todos',
      'Período;Faixa de atraso;;todos',
      'Carteira;Posição em;;02/12/2026',
      'Carteira;Devedores;;1234',
      'Carteira;Em aberto (R$);;1.234.567.890,12',
      'Carteira;Em acordo (R$);;0,05',
      'Carteira por faixa de atraso (dias);Devedores current;;4',
      'Carteira por faixa de atraso (dias);Em aberto current (R$);;0,00',
      'Carteira por faixa de atraso (dias);Devedores 1-30;;1230',
      'Carteira por faixa de atraso (dias);Em aberto 1-30 (R$);;1.234.567.890,12',
      'Alcance;Avisos enviados;;30',
      'Alcance;Avisos adiados;;2',
      'Alcance;Avisos bloqueados;;1',
      'Alcance;Devedores avisados;;3',
      'Alcance;Devedores que responderam;;2',
      'Alcance;Devedores com identidade verificada;;1',
      'Alcance;Taxa de contato;;66,67%',
      'Alcance;Taxa de contato com a pessoa certa;;33,33%',
      'Conversas;Iniciadas;;10',
      'Conversas;Verificadas;;8',
      'Conversas;Com oferta;;6',
      'Conversas;Com acordo;;4',
      'Conversas;Com pagamento;;2',
      'Conversas;Transferidas a um atendente;;3',
      'Conversas;Descadastradas;;1',
      'Conversas;Taxa de transferência;;30,00%',
      'Conversas;Conversão de verificadas em acordo;;50,00%',
      'Negociação;Ofertas feitas;;7',
      'Negociação;Mediana da primeira mensagem ao acordo (horas);;1,50',
      'Acordos;Acordos;;4',
      'Acordos;Valor dos acordos (R$);;1.234,56',
      'Acordos;À vista;;1',
      'Acordos;À vista (R$);;100,00',
      'Acordos;Parcelados;;3',
      'Acordos;Parcelados (R$);;1.134,56',
      'Acordos;Desconto médio à vista;;12,50%',
      'Acordos;Média de parcelas;;3,50',
      'Acordos;Renegociações;;1',
      'Acordos;Acordos rompidos;;0',
      'Pagamentos;Pagamentos recebidos;;2',
      'Pagamentos;Valor recuperado (R$);;500,00',
      'Pagamentos;Multa e juros (R$);;1,99',
      'Pagamentos;Pago a mais (R$);;0,00',
      'Pagamentos;Sem acordo identificado;;1',
      'Pagamentos;Sem acordo identificado (R$);;123,45',
      'Promessas de pagamento;Parcelas vencidas;;3',
      'Promessas de pagamento;Pagas em dia;;2',
      'Promessas de pagamento;Não pagas;;1',
      'Promessas de pagamento;Taxa de promessas cumpridas;;66,67%',
      'Atendimento humano;Transferências;;3',
      'Atendimento humano;Assumidas por um atendente;;2',
      'Atendimento humano;Mediana de espera até assumir (minutos);;1,50',
      'Atendimento humano;Descadastramentos;;1',
      'Transferências por motivo;dispute;;2',
      'Transferências por motivo;identity_locked;;1',
      'Qualidade;Textos redigidos;;20',
      'Qualidade;Redigidos pelo modelo;;15',
      'Qualidade;Modelo padrão;;5',
      'Qualidade;Recusados e trocados pelo modelo padrão;;2',
      'Qualidade;Turnos com falha;;0',
      'Trocas pelo modelo padrão por verificação;numbers;;2',
      'Funil;Iniciadas;;10',
      'Funil;Verificadas;;8',
      'Funil;Com oferta;;6',
      'Funil;Com acordo;;4',
      'Funil;Com pagamento;;2',
      'Série diária;Acordos;01/11/2026;1',
      'Série diária;Valor dos acordos (R$);01/11/2026;100,00',
      'Série diária;Pagamentos recebidos;01/11/2026;0',
      'Série diária;Valor recuperado (R$);01/11/2026;0,00',
      'Série diária;Acordos;02/11/2026;3',
      'Série diária;Valor dos acordos (R$);02/11/2026;1.134,56',
      'Série diária;Pagamentos recebidos;02/11/2026;2',
      'Série diária;Valor recuperado (R$);02/11/2026;500,00',
      '',
    ]);
  });

  it('writes English labels with the same Brazilian number format, and empty cells for nothing measured', () => {
    const k: Kpis = { ...KPIS, negotiation: { offers: 0, medianSecondsToAgreement: null }, filters: { channel: null, flowVersion: 2, bucket: '1-30' } };
    const rows = parse(kpisCsv(k, 'en'), { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Section', 'Indicator', 'Date', 'Value']);
    expect(rows).toContainEqual(['Period', 'Channel', '', 'all']);
    expect(rows).toContainEqual(['Period', 'Flow version', '', '2']);
    expect(rows).toContainEqual(['Period', 'Overdue bucket', '', '1-30']);
    expect(rows).toContainEqual(['Negotiation', 'Median first message to agreement (hours)', '', '']);
    expect(rows).toContainEqual(['Portfolio', 'Open (R$)', '', '1.234.567.890,12']);
    expect(rows).toContainEqual(['Reach', 'Contact rate', '', '66,67%']);
    expect(rows).toContainEqual(['Daily series', 'Recovered (R$)', '02/11/2026', '500,00']);
    expect(rows.length).toBe(80); // the header and the same 79 figures as in pt-BR
  });
});
