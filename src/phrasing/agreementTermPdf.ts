import { formatCnpj } from '../domain/cnpj.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { basisPointsToPercent, formatMoney } from '../domain/money.js';
import type { Locale } from '../language/locale.js';
import { pdfPrintable } from './pdfPrintable.js';
import { pixQrPng } from './pixQrPng.js';
import { formatPercent } from './renderTemplate.js';

// The agreement term as a document the debtor keeps (CDC art. 42-A: it names the creditor and its
// CNPJ): what was settled, how and when it is paid, the late terms exactly as agreed, and how to
// check the acceptance against the tamper-evident audit trail. Every amount, date and rate is
// formatted by the same domain code as the chat's messages, so the PDF and the chat agree.

/** Everything the term prints, read from the agreement as stored (src/storage/agreementTermReader.ts). */
export interface AgreementTerm {
  id: string;
  /** The conversation's language. */
  locale: Locale;
  /** The debtor's time zone: the acceptance time is printed in it. */
  timeZone: string;
  creditor: { name: string; cnpj: string };
  debtor: { companyName: string; cnpj: string };
  kind: 'cash' | 'installments';
  /** The debt the agreement settles, before discount or interest. */
  debtCents: number;
  totalCents: number;
  /** When the debtor accepted (ISO timestamp). */
  acceptedAt: string;
  lateFeeBasisPoints: number;
  monthlyInterestBasisPoints: number;
  /** The id of the debtor's message that accepted; empty when none was recorded. */
  acceptedMessageId: string;
  /** The hash of the `agreement.created` audit event; null when it cannot be found. */
  auditHash: string | null;
  /** A simulator run: printed, but marked as committing no one. */
  simulated: boolean;
  installments: { n: number; dueDate: IsoDate; amountCents: number; pixCode: string; txid: string }[];
}

const WORDS = {
  'pt-BR': {
    title: 'Termo de acordo',
    number: 'nº',
    simulated: 'SIMULAÇÃO: este termo foi gerado num teste do fluxo e não tem valor de acordo.',
    creditor: 'Credor',
    debtor: 'Devedor',
    debt: 'Dívida negociada',
    total: 'Valor total do acordo',
    kind: 'Forma de pagamento',
    cash: 'à vista, em um pagamento',
    installments: (n: number) => `parcelado, em ${n} parcelas`,
    acceptedAt: 'Aceito em',
    schedule: 'Pagamentos',
    installment: (n: number) => `Parcela ${n}`,
    due: 'Vencimento',
    amount: 'Valor',
    pix: 'PIX copia e cola',
    txid: 'Identificador (txid)',
    qrHint: 'Aponte a câmera do aplicativo do banco para o QR code, ou copie o código PIX.',
    lateTitle: 'Atraso',
    late: (fee: string, interest: string) =>
      `Em caso de atraso, incidem sobre a parcela em atraso multa de ${fee} e juros de ${interest} ao mês, pro rata die, calculados até a data do pagamento.`,
    suspended: 'Os títulos renegociados ficam suspensos enquanto o acordo estiver em dia; quitado o acordo, são dados por pagos.',
    proofTitle: 'Registro do aceite',
    acceptedMessage: 'Mensagem de aceite',
    none: '(não registrada)',
    hash: 'Hash do registro na trilha de auditoria (agreement.created, SHA-256)',
    hashMissing: '(indisponível)',
    proofNote: 'Cada evento da trilha de auditoria leva o hash do anterior: este hash prova que o registro do acordo não foi alterado depois do aceite.',
    page: (i: number, n: number) => `página ${i} de ${n}`,
  },
  en: {
    title: 'Agreement term',
    number: 'no.',
    simulated: 'SIMULATION: this term was produced by a flow test and is not a binding agreement.',
    creditor: 'Creditor',
    debtor: 'Debtor',
    debt: 'Debt settled',
    total: 'Agreement total',
    kind: 'Payment',
    cash: 'in cash, one payment',
    installments: (n: number) => `in ${n} instalments`,
    acceptedAt: 'Accepted on',
    schedule: 'Payments',
    installment: (n: number) => `Instalment ${n}`,
    due: 'Due date',
    amount: 'Amount',
    pix: 'PIX copy and paste',
    txid: 'Identifier (txid)',
    qrHint: "Point your bank app's camera at the QR code, or copy the PIX code.",
    lateTitle: 'Late payment',
    late: (fee: string, interest: string) =>
      `A late instalment bears a ${fee} late fee and ${interest} interest per month, pro rata die, up to the day it is paid.`,
    suspended: 'The renegotiated invoices are suspended while the agreement is kept; once it is paid in full, they are settled.',
    proofTitle: 'Record of acceptance',
    acceptedMessage: 'Accepting message',
    none: '(not recorded)',
    hash: 'Hash of the record in the audit trail (agreement.created, SHA-256)',
    hashMissing: '(unavailable)',
    proofNote: "Each audit trail event carries the previous one's hash: this hash proves the agreement's record was not changed after acceptance.",
    page: (i: number, n: number) => `page ${i} of ${n}`,
  },
} as const;

/** "2%" and "1%" (pt-BR "1,5%"): the term's rates as printed, from basis points. */
export function termRates(t: Pick<AgreementTerm, 'lateFeeBasisPoints' | 'monthlyInterestBasisPoints' | 'locale'>): { lateFee: string; monthlyInterest: string } {
  return { lateFee: formatPercent(basisPointsToPercent(t.lateFeeBasisPoints), t.locale), monthlyInterest: formatPercent(basisPointsToPercent(t.monthlyInterestBasisPoints), t.locale) };
}

/** The line sent with the file: "Termo de acordo nº AC… (PDF)". */
export function agreementTermCaption(t: Pick<AgreementTerm, 'id' | 'locale'>): string {
  const w = WORDS[t.locale];
  return `${w.title} ${w.number} ${t.id} (PDF)`;
}

/** The file name the debtor gets: "termo-de-acordo-AC….pdf" or "agreement-term-AC….pdf". */
export function agreementTermFileName(t: Pick<AgreementTerm, 'id' | 'locale'>): string {
  return `${t.locale === 'pt-BR' ? 'termo-de-acordo' : 'agreement-term'}-${t.id.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
}

function acceptedAtText(iso: string, locale: Locale, timeZone: string): string {
  const at = new Date(iso);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${formatDate(`${p.year}-${p.month}-${p.day}`, locale)} ${p.hour}:${p.minute} (${timeZone})`;
}

const QR_SIZE = 104;

/** The term as an A4 PDF in the conversation's language. `compress: false` keeps the text searchable in tests. */
export async function renderAgreementTermPdf(t: AgreementTerm, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const w = WORDS[t.locale];
  const money = (c: number) => formatMoney(c, t.locale);
  const qrs = await Promise.all(t.installments.map((i) => pixQrPng(i.pixCode)));

  // pdfkit (~20 MB at import) is loaded by the first document, not by every process that starts.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    compress: opts.compress ?? true,
    bufferPages: true,
    info: { Title: pdfPrintable(`${w.title} ${w.number} ${t.id}`), Author: pdfPrintable(t.creditor.name), Subject: pdfPrintable(`${w.title} ${t.id}`), CreationDate: new Date(t.acceptedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const text = (s: string, o: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfPrintable(s), o);
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold');
    text(`${label}: `, { continued: true, width });
    doc.font('Helvetica');
    text(value, { width });
  };
  const heading = (s: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('black');
    text(s, { width });
    doc.moveDown(0.3).fontSize(10).font('Helvetica');
  };

  doc.font('Helvetica-Bold').fontSize(16).fillColor('black');
  text(`${w.title} ${w.number} ${t.id}`, { width });
  if (t.simulated) {
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).fillColor('#b00020');
    text(w.simulated, { width });
    doc.fillColor('black');
  }
  doc.moveDown(0.8).font('Helvetica').fontSize(10);
  field(w.creditor, `${t.creditor.name}, CNPJ ${formatCnpj(t.creditor.cnpj)}`);
  field(w.debtor, `${t.debtor.companyName}, CNPJ ${formatCnpj(t.debtor.cnpj)}`);
  field(w.debt, money(t.debtCents));
  field(w.total, money(t.totalCents));
  field(w.kind, t.kind === 'cash' ? w.cash : w.installments(t.installments.length));
  field(w.acceptedAt, acceptedAtText(t.acceptedAt, t.locale, t.timeZone));

  heading(w.schedule);
  doc.font('Helvetica').fontSize(8).fillColor('#555');
  text(w.qrHint, { width });
  doc.fillColor('black').moveDown(0.5);

  // One block per instalment: the QR code on the left, what to pay and the code to copy beside it.
  const textX = left + QR_SIZE + 14;
  const textW = width - QR_SIZE - 14;
  t.installments.forEach((i, k) => {
    if (doc.y + QR_SIZE + 16 > bottom()) doc.addPage();
    const top = doc.y;
    doc.image(qrs[k]!, left, top, { width: QR_SIZE, height: QR_SIZE });
    doc.font('Helvetica-Bold').fontSize(11);
    doc.text(pdfPrintable(w.installment(i.n)), textX, top, { width: textW });
    doc.font('Helvetica').fontSize(10);
    text(`${w.due}: ${formatDate(i.dueDate, t.locale)}    ${w.amount}: ${money(i.amountCents)}`, { width: textW });
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(8);
    text(`${w.pix}:`, { width: textW });
    doc.font('Courier').fontSize(7);
    text(i.pixCode, { width: textW });
    doc.font('Helvetica').fontSize(7).fillColor('#555');
    text(`${w.txid}: ${i.txid}`, { width: textW });
    doc.fillColor('black');
    const end = Math.max(doc.y, top + QR_SIZE) + 10;
    doc.moveTo(left, end - 5).lineTo(left + width, end - 5).lineWidth(0.3).strokeColor('#bbb').stroke();
    doc.x = left;
    doc.y = end;
  });

  if (doc.y > bottom() - 200) doc.addPage();
  heading(w.lateTitle);
  const rates = termRates(t);
  text(w.late(rates.lateFee, rates.monthlyInterest), { width });
  doc.moveDown(0.3);
  text(w.suspended, { width });

  heading(w.proofTitle);
  field(w.acceptedMessage, t.acceptedMessageId || w.none);
  doc.font('Helvetica-Bold');
  text(`${w.hash}:`, { width });
  doc.font('Courier').fontSize(8);
  text(t.auditHash ?? w.hashMissing, { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(8).fillColor('#555');
  text(w.proofNote, { width });

  // Page numbers in the bottom margin of every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#777');
    doc.text(pdfPrintable(`${w.title} ${t.id} · ${w.page(p - range.start + 1, range.count)}`), left, doc.page.height - 32, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}
