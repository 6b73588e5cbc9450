// GET /api/admin/kpis.csv: the figures of GET /api/admin/kpis as one sheet a manager can filter
// and chart, one figure per row: section;indicator;date;value. The date column is filled only for
// the daily series (one row per day and figure), so the whole export stays a single table a
// spreadsheet reads without a second block. Values are typed (spreadsheetCsv.ts): counts are whole
// numbers, money is 1.234,56, rates are percentages (66,67%, which pt-BR spreadsheets read as the
// number 0,6667), averages have two decimals, medians are in hours (to agreement) or minutes (to
// an agent's claim), the units a manager thinks in. An empty value is a figure with nothing to
// measure (a median of no agreement), not a zero.

import type { Locale } from '../language/locale.js';
import type { Kpis } from './kpis.js';
import { spreadsheetCsv, type Cell } from './spreadsheetCsv.js';

export const KPI_CSV_HEADER: Record<Locale, readonly string[]> = {
  'pt-BR': ['Seção', 'Indicador', 'Data', 'Valor'],
  en: ['Section', 'Indicator', 'Date', 'Value'],
};

const hours = (seconds: number | null) => ({ decimal: seconds === null ? null : seconds / 3600 });
const minutes = (seconds: number | null) => ({ decimal: seconds === null ? null : seconds / 60 });
const sortedEntries = (r: Record<string, number>) => Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The rows of the KPI sheet (without the header), labels in `lang`. */
export function kpisCsvRows(k: Kpis, lang: Locale): Cell[][] {
  const t = (pt: string, en: string) => (lang === 'pt-BR' ? pt : en);
  const rows: Cell[][] = [];
  const section = (name: string) => (indicator: string, value: Cell, date: string | null = null) => {
    rows.push([{ text: name }, { text: indicator }, { date }, value]);
  };
  const all = t('todos', 'all');

  const period = section(t('Período', 'Period'));
  period(t('De', 'From'), { date: k.period.from });
  period(t('Até', 'To'), { date: k.period.to });
  period(t('Dias', 'Days'), { int: k.period.days });
  period(t('Fuso horário', 'Time zone'), { text: k.period.timeZone });
  period(t('Canal', 'Channel'), { text: k.filters.channel ?? all });
  period(t('Versão do fluxo', 'Flow version'), k.filters.flowVersion === null ? { text: all } : { int: k.filters.flowVersion });
  period(t('Faixa de atraso', 'Overdue bucket'), { text: k.filters.bucket ?? all });

  const portfolio = section(t('Carteira', 'Portfolio'));
  portfolio(t('Posição em', 'As of'), { date: k.portfolio.asOf });
  portfolio(t('Devedores', 'Debtors'), { int: k.portfolio.debtors });
  portfolio(t('Em aberto (R$)', 'Open (R$)'), { money: k.portfolio.openCents });
  portfolio(t('Em acordo (R$)', 'In agreement (R$)'), { money: k.portfolio.inAgreementCents });
  const buckets = section(t('Carteira por faixa de atraso (dias)', 'Portfolio by days overdue'));
  for (const b of k.portfolio.byBucket) {
    buckets(t(`Devedores ${b.bucket}`, `Debtors ${b.bucket}`), { int: b.debtors });
    buckets(t(`Em aberto ${b.bucket} (R$)`, `Open ${b.bucket} (R$)`), { money: b.openCents });
  }

  const reach = section(t('Alcance', 'Reach'));
  reach(t('Avisos enviados', 'Notices sent'), { int: k.reach.noticesSent });
  reach(t('Avisos adiados', 'Notices deferred'), { int: k.reach.noticesDeferred });
  reach(t('Avisos bloqueados', 'Notices blocked'), { int: k.reach.noticesBlocked });
  reach(t('Devedores avisados', 'Debtors notified'), { int: k.reach.debtorsNotified });
  reach(t('Devedores que responderam', 'Debtors who answered'), { int: k.reach.debtorsAnswered });
  reach(t('Devedores com identidade verificada', 'Debtors verified'), { int: k.reach.debtorsVerified });
  reach(t('Taxa de contato', 'Contact rate'), { percent: k.reach.contactRate });
  reach(t('Taxa de contato com a pessoa certa', 'Right-party contact rate'), { percent: k.reach.rightPartyRate });

  const conv = section(t('Conversas', 'Conversations'));
  const c = k.conversations;
  conv(t('Iniciadas', 'Started'), { int: c.started });
  conv(t('Verificadas', 'Verified'), { int: c.verified });
  conv(t('Com oferta', 'Offered'), { int: c.offered });
  conv(t('Com acordo', 'Agreed'), { int: c.agreed });
  conv(t('Com pagamento', 'Paid'), { int: c.paid });
  conv(t('Transferidas a um atendente', 'Handed off'), { int: c.handedOff });
  conv(t('Descadastradas', 'Opted out'), { int: c.optedOut });
  conv(t('Taxa de transferência', 'Hand-off rate'), { percent: c.handoffRate });
  conv(t('Conversão de verificadas em acordo', 'Verified to agreement'), { percent: c.verifiedToAgreementRate });

  const neg = section(t('Negociação', 'Negotiation'));
  neg(t('Ofertas feitas', 'Offers made'), { int: k.negotiation.offers });
  neg(t('Mediana da primeira mensagem ao acordo (horas)', 'Median first message to agreement (hours)'), hours(k.negotiation.medianSecondsToAgreement));

  const ag = section(t('Acordos', 'Agreements'));
  const a = k.agreements;
  ag(t('Acordos', 'Agreements'), { int: a.count });
  ag(t('Valor dos acordos (R$)', 'Agreed amount (R$)'), { money: a.totalCents });
  ag(t('À vista', 'Cash'), { int: a.cash });
  ag(t('À vista (R$)', 'Cash (R$)'), { money: a.cashCents });
  ag(t('Parcelados', 'Instalments'), { int: a.installments });
  ag(t('Parcelados (R$)', 'Instalments (R$)'), { money: a.installmentsCents });
  ag(t('Desconto médio à vista', 'Average cash discount'), { percent: a.averageDiscountBasisPoints === null ? null : a.averageDiscountBasisPoints / 10_000 });
  ag(t('Média de parcelas', 'Average instalments'), { decimal: a.averageInstallments });
  ag(t('Renegociações', 'Renegotiations'), { int: a.renegotiations });
  ag(t('Acordos rompidos', 'Broken agreements'), { int: a.broken });

  const pay = section(t('Pagamentos', 'Payments'));
  const p = k.payments;
  pay(t('Pagamentos recebidos', 'Payments received'), { int: p.count });
  pay(t('Valor recuperado (R$)', 'Recovered (R$)'), { money: p.recoveredCents });
  pay(t('Multa e juros (R$)', 'Late charges (R$)'), { money: p.chargesCents });
  pay(t('Pago a mais (R$)', 'Overpaid (R$)'), { money: p.overpaidCents });
  pay(t('Sem acordo identificado', 'Unmatched'), { int: p.unmatched });
  pay(t('Sem acordo identificado (R$)', 'Unmatched (R$)'), { money: p.unmatchedCents });

  const prom = section(t('Promessas de pagamento', 'Promises to pay'));
  prom(t('Parcelas vencidas', 'Instalments due'), { int: k.promises.due });
  prom(t('Pagas em dia', 'Kept'), { int: k.promises.kept });
  prom(t('Não pagas', 'Broken'), { int: k.promises.broken });
  prom(t('Taxa de promessas cumpridas', 'Promise-to-pay kept rate'), { percent: k.promises.keptRate });

  const ho = section(t('Atendimento humano', 'Hand-offs'));
  ho(t('Transferências', 'Hand-offs'), { int: k.handoffs.count });
  ho(t('Assumidas por um atendente', 'Claimed by an agent'), { int: k.handoffs.claimed });
  ho(t('Mediana de espera até assumir (minutos)', 'Median wait until claimed (minutes)'), minutes(k.handoffs.medianSecondsToClaim));
  ho(t('Descadastramentos', 'Opt-outs'), { int: k.handoffs.optOuts });
  const byReason = section(t('Transferências por motivo', 'Hand-offs by reason'));
  for (const [reason, n] of sortedEntries(k.handoffs.byReason)) byReason(reason, { int: n });

  const q = section(t('Qualidade', 'Quality'));
  q(t('Textos redigidos', 'Texts phrased'), { int: k.quality.phrased });
  q(t('Redigidos pelo modelo', 'Phrased by the model'), { int: k.quality.llm });
  q(t('Modelo padrão', 'Template'), { int: k.quality.template });
  q(t('Recusados e trocados pelo modelo padrão', 'Fell back to the template'), { int: k.quality.fellBack });
  q(t('Turnos com falha', 'Turns failed'), { int: k.quality.turnsFailed });
  const byCheck = section(t('Trocas pelo modelo padrão por verificação', 'Fallbacks by failed check'));
  for (const [check, n] of sortedEntries(k.quality.fallbackByCheck)) byCheck(check, { int: n });

  const funnel = section(t('Funil', 'Funnel'));
  const steps = { started: t('Iniciadas', 'Started'), verified: t('Verificadas', 'Verified'), offered: t('Com oferta', 'Offered'), agreed: t('Com acordo', 'Agreed'), paid: t('Com pagamento', 'Paid') };
  for (const f of k.funnel) funnel(steps[f.step], { int: f.count });

  const series = section(t('Série diária', 'Daily series'));
  for (const d of k.series) {
    series(t('Acordos', 'Agreements'), { int: d.agreements }, d.date);
    series(t('Valor dos acordos (R$)', 'Agreed amount (R$)'), { money: d.agreedCents }, d.date);
    series(t('Pagamentos recebidos', 'Payments received'), { int: d.payments }, d.date);
    series(t('Valor recuperado (R$)', 'Recovered (R$)'), { money: d.recoveredCents }, d.date);
  }
  return rows;
}

/** The whole KPI sheet: BOM, header, rows. Instants none; days are the creditor's calendar days. */
export function kpisCsv(k: Kpis, lang: Locale): string {
  return spreadsheetCsv(KPI_CSV_HEADER[lang], kpisCsvRows(k, lang), { timeZone: k.period.timeZone });
}
