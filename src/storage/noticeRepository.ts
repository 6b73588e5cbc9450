import { randomBytes } from 'node:crypto';
import type { Locale } from '../language/locale.js';
import { appendAudit } from './auditLog.js';
import { understand } from '../engine/understanding/understand.js';
import { creditorFacts, type CreditorRow } from './creditorRepository.js';
import type { Db } from './database.js';
import { chooseChannel, type ProactiveChannel, type Reach } from '../domain/channelRouting.js';
import { recordDecision } from './contactDecisionRepository.js';

export interface NoticeRequest {
  /** Only these debtors (normalised CNPJs); default every debtor with an open invoice. */
  cnpjs?: string[];
  /** Channels that can carry a notice right now (configured and connected). */
  channels: ProactiveChannel[];
  /** The creditor's order of channels (each contact's preferred one goes first). */
  channelOrder: readonly ProactiveChannel[];
  flowId: string;
  flowVersion: number;
  locale: Locale;
  timeZone: string;
  /** A debtor noticed less than this long ago is skipped (no over-contact). */
  minIntervalMs: number;
  now: Date;
  /** How long an e-mail's link to the web chat works (the notice says it). */
  linkDays: number;
  /** The WhatsApp chat of a phone (the adapter asks WhatsApp which spelling exists); null: no WhatsApp. */
  resolveWhatsApp?: (e164: string) => Promise<string | null>;
  /**
   * WhatsApp's customer-service window (the Cloud API): outside it a notice goes only as an
   * approved template, so WhatsApp reaches a contact only when one is mapped or the window is open.
   */
  whatsappWindow?: { ms: number; templateMapped: boolean };
}

export interface NoticeResult {
  queued: number;
  skipped: { cnpj: string; reason: string }[];
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LOCALES = ['pt-BR', 'en'] as const;
export function newAccessCode(): string {
  // A code is only useful if the chat reads it back when the debtor types it alone: about a third
  // of uniform draws lack the mix it looks for (two letters and two digits), and a few read as
  // words or numbers ("UM", "4X2", "RRR" folded to one letter). Draw until the chat reads it whole.
  for (;;) {
    const code = [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    if (LOCALES.every((locale) => understand(code, { locale, today: '2000-01-01' }).invoiceCandidates.includes(code))) return code;
  }
}

/** The WhatsApp address of an E.164 number. */
export function whatsappJid(e164: string): string {
  return `${e164.replace(/\D/g, '')}@s.whatsapp.net`;
}

/**
 * Queues a first notice per debtor on each channel that can reach one of its contacts: it names the
 * creditor (name and CNPJ), invites the contact to talk, gives the access code (the web chat's second
 * identity factor) and discloses no amount. Rows are proactive: the outbox applies opt-out, quiet
 * hours and pacing when it sends them.
 */
export async function enqueueNotices(db: Db, creditor: CreditorRow, req: NoticeRequest): Promise<NoticeResult> {
  const debtors = await db.debtor.findMany({
    where: { creditorId: creditor.id, ...(req.cnpjs ? { cnpj: { in: req.cnpjs } } : { invoices: { some: { status: 'open' } } }) },
    include: { contacts: { include: { identities: true } } },
  });
  const result: NoticeResult = { queued: 0, skipped: [] };
  const found = new Set(debtors.map((d) => d.cnpj));
  for (const c of req.cnpjs ?? []) if (!found.has(c)) result.skipped.push({ cnpj: c, reason: 'unknown debtor' });
  const since = new Date(req.now.getTime() - req.minIntervalMs);

  for (const debtor of debtors) {
    // A notice that never went out (failed for good, blocked by the contact policy) contacted nobody.
    const recent = await db.message.count({ where: { templateKey: 'notice.first', conversation: { debtorId: debtor.id }, createdAt: { gte: since }, delivery: { notIn: ['failed', 'blocked'] } } });
    if (recent > 0) {
      result.skipped.push({ cnpj: debtor.cnpj, reason: 'noticed recently' });
      continue;
    }
    const targets: { channel: ProactiveChannel; chatId: string; contactId: string; reason: string }[] = [];
    const unreachable: string[] = [];
    const order = req.channelOrder.filter((c) => req.channels.includes(c));
    for (const contact of debtor.contacts) {
      if (contact.optedOutAt || contact.erasedAt) continue;
      const reach = await contactReach(db, req, contact);
      const route = chooseChannel(contact.preferredChannel, order, reach);
      if (route.channel) targets.push({ channel: route.channel, chatId: route.chatId, contactId: contact.id, reason: route.reason });
      else unreachable.push(route.reason);
    }
    if (targets.length === 0) {
      result.skipped.push({ cnpj: debtor.cnpj, reason: unreachable.join(' | ') || (debtor.contacts.some((c) => c.optedOutAt) ? 'opted out' : 'no reachable contact') });
      continue;
    }
    const accessCode = debtor.accessCode ?? newAccessCode();
    await db.$transaction(async (tx) => {
      if (!debtor.accessCode) await tx.debtor.update({ where: { id: debtor.id }, data: { accessCode } });
      for (const t of targets) {
        // The conversation exists before the debtor answers; its flow starts when they do.
        const conv = await tx.conversation.upsert({
          where: { channel_chatId: { channel: t.channel, chatId: t.chatId } },
          create: { creditorId: creditor.id, channel: t.channel, chatId: t.chatId, debtorId: debtor.id, contactId: t.contactId, flowId: req.flowId, flowVersion: req.flowVersion, snapshot: {}, locale: req.locale, timeZone: req.timeZone },
          update: {},
        });
        const c = await tx.conversation.update({ where: { id: conv.id }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true } });
        const facts = { creditor: { ...creditorFacts(creditor) }, notice: { accessCode, linkDays: req.linkDays } };
        const msg = await tx.message.create({
          data: { conversationId: conv.id, seq: c.lastSeq, direction: 'out', author: 'bot', channel: t.channel, templateKey: 'notice.first', facts, options: [], delivery: 'pending', proactive: true },
        });
        await appendAudit(tx, [{ type: 'notice.queued', actor: 'admin', conversationId: conv.id, debtorId: debtor.id, data: { messageId: msg.id, channel: t.channel, facts } }]);
        // Which channel and why, in the admin's "why" view beside the sends and holds that follow.
        await recordDecision(tx, { at: req.now, messageId: msg.id, conversationId: conv.id, debtorId: debtor.id, channel: t.channel, status: 'routed', reason: t.reason, until: null });
        result.queued++;
      }
    });
  }
  return result;
}

type NoticeContact = { phone: string | null; email: string | null; emailUnusableAt: Date | null; emailUnusableReason: string | null; identities: { channel: string; externalId: string }[] };

/** What each running channel can do for one contact: its chat there, or why not. */
async function contactReach(db: Db, req: NoticeRequest, contact: NoticeContact): Promise<(c: ProactiveChannel) => Reach> {
  const running = (c: ProactiveChannel) => req.channels.includes(c);
  const whatsapp = running('whatsapp') && contact.phone ? await whatsappReach(db, req, contact.phone) : { why: 'no phone number' };
  return (c) => {
    if (!running(c)) return { why: 'not configured on this server' };
    if (c === 'whatsapp') return whatsapp;
    if (c === 'email') {
      if (!contact.email) return { why: 'no e-mail address' };
      if (contact.emailUnusableAt) return { why: `the address bounced (${contact.emailUnusableReason ?? 'refused'})` };
      return { chatId: contact.email.trim().toLowerCase() };
    }
    const telegram = contact.identities.find((i) => i.channel === 'telegram');
    return telegram ? { chatId: telegram.externalId } : { why: 'no Telegram chat yet (the contact has not written there)' };
  };
}

async function whatsappReach(db: Db, req: NoticeRequest, phone: string): Promise<Reach> {
  let chatId: string | null;
  try {
    chatId = req.resolveWhatsApp ? await req.resolveWhatsApp(phone) : whatsappJid(phone);
  } catch {
    return { why: 'WhatsApp unavailable, try again later' };
  }
  if (!chatId) return { why: 'number not on WhatsApp' };
  const w = req.whatsappWindow;
  if (!w || w.templateMapped) return { chatId };
  const conv = await db.conversation.findUnique({ where: { channel_chatId: { channel: 'whatsapp', chatId } }, select: { lastInboundAt: true } });
  if (conv?.lastInboundAt && req.now.getTime() - conv.lastInboundAt.getTime() <= w.ms) return { chatId };
  return { why: 'the 24-hour window is closed and no approved template is mapped to notice.first' };
}
