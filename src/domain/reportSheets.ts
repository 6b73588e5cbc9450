// The list exports of issue 13 (agreements, payments, hand-offs made in a period), as the creditor's
// staff open them in a spreadsheet: the rows the database returns (src/storage/reportExports.ts)
// and how each becomes a line of typed cells (spreadsheetCsv.ts), headers in pt-BR or English.
// Codes a manager reads (status, kind, source) are put in words in pt-BR; in English they stay the
// codes the API and the console use, which are English words already. A code this file does not
// know is written as it is, so a new status never breaks an export.
// Company names and CNPJs are in the agreements export on purpose: the creditor's own records for
// its own staff. They never go to a log.

import { formatCnpj } from './cnpj.js';
import type { Locale } from '../language/locale.js';
import type { Cell } from './spreadsheetCsv.js';

export interface AgreementExportRow {
  id: string;
  createdAt: Date;
  companyName: string;
  cnpj: string;
  kind: string;
  totalCents: number;
  debtCents: number;
  discountBasisPoints: number | null;
  installments: number;
  status: string;
  paidCents: number;
  channel: string | null;
}

export interface PaymentExportRow {
  id: string;
  paidAt: Date;
  amountCents: number;
  chargesCents: number;
  overpaidCents: number;
  source: string;
  status: string;
  txid: string;
  endToEndId: string | null;
  agreementId: string | null;
  installmentN: number | null;
  assignedByHand: boolean;
}

export interface HandoffExportRow {
  id: string;
  createdAt: Date;
  reason: string;
  status: string;
  claimedAt: Date | null;
  closedAt: Date | null;
  resolution: string | null;
  channel: string;
  agentName: string | null;
}

export interface Sheet<R> {
  header: Record<Locale, readonly string[]>;
  cells: (row: R, lang: Locale) => Cell[];
}

const PT_WORDS: Record<string, string> = {
  // Agreement kinds and statuses
  cash: 'à vista',
  installments: 'parcelado',
  active: 'ativo',
  settled: 'quitado',
  broken: 'rompido',
  renegotiated: 'renegociado',
  cancelled: 'cancelado',
  // Payment sources and statuses
  manual: 'manual',
  import: 'importação',
  applied: 'aplicado',
  unmatched: 'sem acordo identificado',
  held: 'retido',
  conflict: 'conflito',
  // Hand-off statuses and resolutions
  pending: 'aguardando',
  open: 'em atendimento',
  closed: 'encerrado',
  handback: 'devolvido ao robô',
};

/** A code in the sheet's language (see the top of the file). */
function word(code: string | null, lang: Locale): Cell {
  if (code === null) return null;
  return { text: lang === 'pt-BR' ? (PT_WORDS[code] ?? code) : code };
}

const yesNo = (b: boolean, lang: Locale): Cell => ({ text: b ? (lang === 'pt-BR' ? 'sim' : 'yes') : lang === 'pt-BR' ? 'não' : 'no' });

export const AGREEMENTS_SHEET: Sheet<AgreementExportRow> = {
  header: {
    'pt-BR': ['Acordo', 'Feito em', 'Empresa', 'CNPJ', 'Tipo', 'Total (R$)', 'Dívida (R$)', 'Desconto', 'Parcelas', 'Situação', 'Pago até agora (R$)', 'Canal'],
    en: ['Agreement', 'Made at', 'Company', 'CNPJ', 'Kind', 'Total (R$)', 'Debt (R$)', 'Discount', 'Instalments', 'Status', 'Paid so far (R$)', 'Channel'],
  },
  cells: (r, lang) => [
    { text: r.id },
    { instant: r.createdAt },
    { text: r.companyName },
    { text: formatCnpj(r.cnpj) },
    word(r.kind, lang),
    { money: r.totalCents },
    { money: r.debtCents },
    { percent: r.discountBasisPoints === null ? null : r.discountBasisPoints / 10_000 },
    { int: r.installments },
    word(r.status, lang),
    { money: r.paidCents },
    { text: r.channel },
  ],
};

export const PAYMENTS_SHEET: Sheet<PaymentExportRow> = {
  header: {
    'pt-BR': ['Pagamento', 'Pago em', 'Valor (R$)', 'Multa e juros (R$)', 'Pago a mais (R$)', 'Origem', 'Situação', 'txid', 'EndToEndId', 'Acordo', 'Parcela', 'Atribuído manualmente'],
    en: ['Payment', 'Paid at', 'Amount (R$)', 'Late charges (R$)', 'Overpaid (R$)', 'Source', 'Status', 'txid', 'EndToEndId', 'Agreement', 'Instalment', 'Assigned by hand'],
  },
  cells: (r, lang) => [
    { text: r.id },
    { instant: r.paidAt },
    { money: r.amountCents },
    { money: r.chargesCents },
    { money: r.overpaidCents },
    r.source === 'pix' ? { text: 'PIX' } : word(r.source, lang),
    word(r.status, lang),
    { text: r.txid },
    { text: r.endToEndId },
    { text: r.agreementId },
    { int: r.installmentN },
    yesNo(r.assignedByHand, lang),
  ],
};

export const HANDOFFS_SHEET: Sheet<HandoffExportRow> = {
  header: {
    'pt-BR': ['Transferência', 'Aberta em', 'Motivo', 'Situação', 'Assumida em', 'Espera até assumir (minutos)', 'Encerrada em', 'Desfecho', 'Canal', 'Atendente'],
    en: ['Hand-off', 'Opened at', 'Reason', 'Status', 'Claimed at', 'Wait until claimed (minutes)', 'Closed at', 'Resolution', 'Channel', 'Agent'],
  },
  cells: (r, lang) => [
    { text: r.id },
    { instant: r.createdAt },
    { text: r.reason },
    word(r.status, lang),
    { instant: r.claimedAt },
    { decimal: r.claimedAt === null ? null : (r.claimedAt.getTime() - r.createdAt.getTime()) / 60_000 },
    { instant: r.closedAt },
    word(r.resolution, lang),
    { text: r.channel },
    { text: r.agentName },
  ],
};
