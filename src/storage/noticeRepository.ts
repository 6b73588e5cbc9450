import { randomBytes } from 'node:crypto';
import type { Locale } from '../language/locale.js';
import { appendAudit } from './auditLog.js';
import { understand } from '../engine/understanding/understand.js';
import { creditorFacts, type CreditorRow } from './creditorRepository.js';
import type { Db } from './database.js';

export interface NoticeRequest {
  /** Only these debtors (normalised CNPJs); default every debtor with an open invoice. */
  cnpjs?: string[];
  /** Channels that can carry a notice right now (configured and connected). */
  channels: ('whatsapp' | 'telegram')[];
  flowId: string;
  flowVersion: number;
  locale: Locale;
  timeZone: string;
  /** A debtor noticed less than this long ago is skipped (no over-contact). */
  minIntervalMs: number;
  now: Date;
  /** The WhatsApp chat of a phone (the adapter asks WhatsApp which spelling exists); null: no WhatsApp. */
  resolveWhatsApp?: (e164: string) => Promise<string | null>;
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
    const targets: { channel: string; chatId: string; contactId: string }[] = [];
    let unreachable = '';
    for (const contact of debtor.contacts) {
      if (contact.optedOutAt) continue;
      if (req.channels.includes('whatsapp') && contact.phone) {
        try {
          const chatId = req.resolveWhatsApp ? await req.resolveWhatsApp(contact.phone) : whatsappJid(contact.phone);
          if (chatId) targets.push({ channel: 'whatsapp', chatId, contactId: contact.id });
          else unreachable = 'number not on WhatsApp';
        } catch {
          unreachable = 'WhatsApp unavailable, try again later';
        }
      }
      if (req.channels.includes('telegram')) {
        for (const id of contact.identities.filter((i) => i.channel === 'telegram')) targets.push({ channel: 'telegram', chatId: id.externalId, contactId: contact.id });
      }
    }
    if (targets.length === 0) {
      result.skipped.push({ cnpj: debtor.cnpj, reason: unreachable || (debtor.contacts.some((c) => c.optedOutAt) ? 'opted out' : 'no reachable contact') });
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
        const facts = { creditor: { ...creditorFacts(creditor) }, notice: { accessCode } };
        const msg = await tx.message.create({
          data: { conversationId: conv.id, seq: c.lastSeq, direction: 'out', author: 'bot', channel: t.channel, templateKey: 'notice.first', facts, options: [], delivery: 'pending', proactive: true },
        });
        await appendAudit(tx, [{ type: 'notice.queued', actor: 'admin', conversationId: conv.id, debtorId: debtor.id, data: { messageId: msg.id, channel: t.channel, facts } }]);
        result.queued++;
      }
    });
  }
  return result;
}
