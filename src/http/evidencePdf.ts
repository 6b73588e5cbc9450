import { formatCnpj } from '../domain/cnpj.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { formatMoney } from '../domain/money.js';
import { pdfPrintable } from '../phrasing/pdfPrintable.js';
import type { DebtorEvidence, EvidenceEvent } from '../storage/debtorEvidence.js';

// The evidence file a collection manager hands to a lawyer or a court: the debtor's audit trail,
// readable in Portuguese, with what is needed to check it against the tamper-evident chain.

const TIME_ZONE = 'America/Sao_Paulo';
const MAX_QUOTE = 1500;

const timeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "22/11/2026 14:05:09" in São Paulo time. */
export function formatSaoPauloTime(iso: string): string {
  const p = Object.fromEntries(timeFormat.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

const printable = pdfPrintable;

function quote(text: string | null | undefined): string {
  if (text === null || text === undefined) return '(texto apagado ou indisponível)';
  const t = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}… (texto completo em evidence.json)` : text;
  return `“${t}”`;
}

const money = (cents: unknown) => (typeof cents === 'number' && Number.isSafeInteger(cents) ? formatMoney(cents, 'pt-BR') : '?');
const date = (d: unknown) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d as IsoDate, 'pt-BR') : '?');

type OfferData = { kind?: string; totalCents?: number; discountPercent?: number; installments?: number; installmentCents?: number; firstDueDate?: string };
function offerText(o: OfferData | undefined): string {
  if (!o) return 'proposta';
  if (o.kind === 'cash') {
    const discount = o.discountPercent ? ` com desconto de ${String(o.discountPercent).replace('.', ',')}%` : '';
    return `à vista: ${money(o.totalCents)}${discount}, vencimento em ${date(o.firstDueDate)}`;
  }
  return `parcelado: ${o.installments}x de ${money(o.installmentCents)} (total ${money(o.totalCents)}), 1º vencimento em ${date(o.firstDueDate)}`;
}

const CHANNELS: Record<string, string> = { webchat: 'chat na web', telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'e-mail' };
const STATUS: Record<string, string> = { bot: 'robô', human: 'atendente', closed: 'encerrada' };
const HANDOFF_REASONS: Record<string, string> = {
  asked_for_person: 'pediu para falar com uma pessoa',
  human: 'pediu para falar com uma pessoa',
  dispute: 'contestação da dívida',
  judicial: 'menção a processo ou recuperação judicial',
  insult: 'linguagem ofensiva',
  bot_error: 'falha técnica',
};
const PHRASING_REASONS: Record<string, string> = {
  no_llm: 'sem reescrita',
  verbatim: 'texto que nunca é reescrito',
  budget: 'limite de reescritas atingido',
  llm_error: 'falha do modelo de linguagem',
  guardrails: 'reescrita recusada pelas verificações',
  agent: 'texto do atendente',
};

function verification(e: EvidenceEvent): string {
  const v = e.message?.textVerified;
  if (v === true) return ' [confere com a trilha]';
  if (v === false) return ' [NÃO CONFERE com a trilha]';
  return '';
}

/** One line (or a few) saying what the event was, in Portuguese. */
export function summarizeEvent(e: EvidenceEvent): string {
  const d = e.data as Record<string, any>;
  const text = e.message?.text;
  switch (e.type) {
    case 'conversation.opened':
      return `Conversa aberta (${CHANNELS[d.channel] ?? d.channel})`;
    case 'conversation.reopened':
      return 'Conversa reaberta pelo devedor';
    case 'conversation.status':
      return `Conversa passou de ${STATUS[d.from] ?? d.from} para ${STATUS[d.to] ?? d.to}`;
    case 'conversation.erased':
      return `Dados pessoais da conversa apagados (${d.reason === 'retention' ? `fim do prazo de retenção de ${d.retentionDays} dias` : 'pedido do titular, LGPD'}): textos de ${d.messages} mensagem(ns)`;
    case 'contact.erased':
      return `Contato apagado a pedido do titular (LGPD): ${d.conversations} conversa(s), ${d.messages} mensagem(ns)`;
    case 'contact.exported':
      return 'Dados do contato exportados a pedido do titular (LGPD)';
    case 'message.in':
      return `Devedor escreveu: ${quote(text)}${verification(e)}`;
    case 'message.out':
      return `Mensagem do robô (${d.key ?? 'sem modelo'})${text ? `: ${quote(text)}` : ''}`;
    case 'message.phrased': {
      const how = d.source === 'llm' ? 'texto reescrito por IA, aprovado pelas verificações' : `texto do modelo (${PHRASING_REASONS[d.reason] ?? d.reason ?? ''})`;
      const failed = Array.isArray(d.failures) && d.failures.length ? `; verificações que recusaram a reescrita: ${d.failures.map((f: { check?: string }) => f.check).join(', ')}` : '';
      return `Mensagem enviada: ${how}${failed}${verification(e)}`;
    }
    case 'agent.message':
      return `Atendente escreveu: ${quote(text)}${verification(e)}`;
    case 'agent.note':
      return `Nota interna (não enviada): ${quote(text)}${verification(e)}`;
    case 'offer.made':
      return `Proposta ${offerText(d.offer)}${d.round ? ` (rodada ${d.round})` : ''}`;
    case 'agreement.created': {
      const inst = Array.isArray(d.installments) ? (d.installments as { n: number; dueDate: string; amountCents: number }[]) : [];
      const list = inst.map((i) => `${i.n}ª ${date(i.dueDate)} ${money(i.amountCents)}`).join('; ');
      return `Acordo ${d.agreementId} formalizado, ${offerText(d.offer)}${list ? `. Parcelas: ${list}` : ''}`;
    }
    case 'identity.verified':
      return `Identidade confirmada (${d.method === 'phone' ? 'telefone cadastrado' : 'CNPJ e número de fatura ou código de acesso'})`;
    case 'identity.failed':
      return `Identificação não confirmada (tentativa ${d.failures}${d.locked ? '; novas tentativas bloqueadas por um tempo' : ''})`;
    case 'identity.phone_unknown':
      return 'Telefone não encontrado no cadastro';
    case 'handoff.created':
      return `Encaminhada a um atendente: ${HANDOFF_REASONS[d.reason] ?? d.reason}`;
    case 'handoff.claimed':
      return 'Atendente assumiu a conversa';
    case 'handoff.handback':
      return 'Atendente devolveu a conversa ao robô';
    case 'handoff.closed':
      return 'Atendente encerrou a conversa';
    case 'handoff.waiting_notice':
      return 'Devedor avisado de que um atendente responderá';
    case 'message.held_for_agent':
      return 'Mensagem recebida enquanto a conversa aguarda um atendente';
    case 'contact.opted_out':
      return 'O contato pediu para não receber mais mensagens';
    case 'notice.queued':
      return `Aviso de cobrança agendado (${CHANNELS[d.channel] ?? d.channel})`;
    case 'proactive.decision':
      if (d.status === 'routed') return `Canal escolhido: ${CHANNELS[d.channel] ?? d.channel} (${d.reason})`;
      if (d.status === 'sent') return `Mensagem proativa enviada (${CHANNELS[d.channel] ?? d.channel})`;
      return d.status === 'deferred' ? `Envio adiado até ${d.until ? formatSaoPauloTime(d.until) : '?'} (${d.reason})` : `Envio bloqueado (${d.reason})`;
    case 'turn.failed':
      return `Falha técnica do robô (${d.code}); conversa encaminhada a um atendente`;
    default: {
      const json = JSON.stringify(d);
      return json.length > 300 ? `${json.slice(0, 300)}…` : json;
    }
  }
}

function actorLabel(e: EvidenceEvent): string {
  if (e.actor.startsWith('user:')) return e.actorName ? `${e.actorName} (usuário)` : 'usuário';
  return { debtor: 'Devedor', bot: 'Robô', system: 'Sistema', admin: 'Administrador', anonymous: 'Anônimo' }[e.actor] ?? e.actor;
}

/** The evidence as an A4 PDF in Portuguese. `compress: false` keeps the text searchable in tests. */
export async function renderEvidencePdf(ev: DebtorEvidence, opts: { compress?: boolean } = {}): Promise<Buffer> {
  // pdfkit (~20 MB at import) is loaded by the first document, not by every process that starts.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 40, right: 40 },
    compress: opts.compress ?? true,
    bufferPages: true,
    info: {
      Title: printable(`Evidências de cobrança: ${ev.debtor.companyName}`),
      Author: 'Cordial',
      Subject: 'Trilha de auditoria',
      CreationDate: new Date(ev.generatedAt),
    },
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
  const text = (s: string, o: PDFKit.Mixins.TextOptions = {}) => doc.text(printable(s), o);

  doc.font('Helvetica-Bold').fontSize(16).fillColor('black');
  text('Evidências de cobrança: trilha de auditoria');
  doc.moveDown(0.2).font('Helvetica').fontSize(9).fillColor('#555');
  text('Registro à prova de adulteração: cada evento leva o hash SHA-256 do anterior, de modo que qualquer alteração ou remoção quebra a cadeia.');
  doc.moveDown(0.8).fillColor('black').fontSize(10);
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold');
    text(`${label}: `, { continued: true });
    doc.font('Helvetica');
    text(value);
  };
  field('Credor', `${ev.creditor.name}, CNPJ ${formatCnpj(ev.creditor.cnpj)}`);
  field('Devedor', `${ev.debtor.companyName}, CNPJ ${formatCnpj(ev.debtor.cnpj)}`);
  field('Período', ev.period.from && ev.period.to ? `${formatSaoPauloTime(ev.period.from)} a ${formatSaoPauloTime(ev.period.to)} (horário de Brasília)` : 'nenhum evento registrado');
  field('Eventos', String(ev.events.length));
  field('Gerado em', `${formatSaoPauloTime(ev.generatedAt)} (horário de Brasília)`);
  field('Cadeia', ev.chain.ok ? `íntegra (${ev.chain.events} eventos verificados)` : `QUEBRADA no evento #${ev.chain.firstBroken?.id} (detalhes ao final)`);
  doc.moveDown(1);

  const cols = [
    { title: 'Data e hora', w: 82 },
    { title: 'Autor', w: 78 },
    { title: 'Evento', w: 92 },
    { title: 'Resumo', w: width - 82 - 78 - 92 },
  ];
  const PAD = 3;
  const drawRow = (cells: string[], y: number, header: boolean): number => {
    doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor('black');
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: cols[i]!.w - 2 * PAD }))) + 2 * PAD;
    let x = left;
    cells.forEach((c, i) => {
      if (!header && i === 2) doc.fillColor('#333');
      doc.text(printable(c), x + PAD, y + PAD, { width: cols[i]!.w - 2 * PAD });
      doc.fillColor('black');
      x += cols[i]!.w;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(header ? 0.8 : 0.3)
      .strokeColor(header ? '#000' : '#bbb')
      .stroke();
    return y + h;
  };
  const heights = (cells: string[]) => {
    doc.font('Helvetica').fontSize(8);
    return Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: cols[i]!.w - 2 * PAD }))) + 2 * PAD;
  };

  let y = drawRow(
    cols.map((c) => c.title),
    doc.y,
    true,
  );
  for (const e of ev.events) {
    const cells = [formatSaoPauloTime(e.at), actorLabel(e), `${e.type}\n#${e.id}`, summarizeEvent(e)];
    if (y + heights(cells) > bottom()) {
      doc.addPage();
      y = drawRow(
        cols.map((c) => c.title),
        doc.page.margins.top,
        true,
      );
    }
    y = drawRow(cells, y, false);
  }

  doc.x = left;
  doc.y = y + 16;
  if (doc.y > bottom() - 120) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black');
  text('Verificação da cadeia de auditoria', { width });
  doc.moveDown(0.3).font('Helvetica').fontSize(9);
  if (ev.chain.ok) {
    doc.fillColor('#0a6b2d');
    text(`Íntegra: ${ev.chain.events} eventos da trilha inteira verificados, nenhum elo quebrado.`, { width });
  } else {
    const b = ev.chain.firstBroken!;
    doc.fillColor('#b00020');
    text(`QUEBRADA: o primeiro elo que não confere é o evento #${b.id}${b.type ? ` (${b.type}, ${formatSaoPauloTime(b.at!)})` : ' (removido)'}.`, { width });
    doc.font('Courier').fontSize(7);
    text(`esperado:   ${b.expected}\nencontrado: ${b.found ?? '(nenhum)'}`, { width });
  }
  doc.fillColor('black').font('Helvetica').fontSize(9).moveDown(0.5);
  const cp = ev.chain.checkpoint;
  text(
    cp
      ? `Último checkpoint assinado: #${cp.id}, ${formatSaoPauloTime(cp.at)}, ${cp.streams} cadeias e ${cp.events} eventos; nenhuma cadeia termina antes do que ele registra.`
      : 'Nenhum checkpoint assinado ainda.',
    { width },
  );
  if (ev.chain.head) {
    text(`Último evento da trilha: #${ev.chain.head.id}, ${formatSaoPauloTime(ev.chain.head.at)}. Último hash:`, { width });
    doc.font('Courier').fontSize(8);
    text(ev.chain.head.hash, { width });
    doc.font('Helvetica').fontSize(8).fillColor('#555').moveDown(0.3);
    text(
      'Guarde este hash: conferido depois (GET /api/admin/audit/verify?anchorId=…&anchorHash=…), ele prova que nenhum evento até aqui foi alterado ou removido, inclusive os mais recentes. ' +
        'Os textos das mensagens não ficam na trilha, só um HMAC-SHA256 de cada um com uma chave da conversa: o texto citado acima confere com a trilha enquanto a chave existir, e deixa de existir quando os dados pessoais são apagados (LGPD).',
      { width },
    );
  }

  // Page numbers, in the bottom margin of every page once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#777');
    doc.text(printable(`${ev.debtor.companyName} · CNPJ ${formatCnpj(ev.debtor.cnpj)} · página ${i - range.start + 1} de ${range.count}`), left, doc.page.height - 32, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;
}
