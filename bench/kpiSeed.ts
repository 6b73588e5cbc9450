// A creditor's 13 months of collection, at the scale of the KPI bench (issue 13): debtors with
// contacts and invoices in every ageing bucket, conversations and their messages, offers,
// agreements of every status with their instalments and payments, hand-offs, contact decisions
// and the audit events the KPIs read. Seeded with one INSERT … SELECT generate_series per table
// (not one call per row), so 100 000 debtors take seconds, not the hours an ORM loop would.
//
// Everything is a pure function of a row number: conversation g opens at T0 + g·step, its channel,
// debtor, message count and fate follow from g modulo small numbers, so the shares below are exact
// and the same on every run and on both databases. The shares (of C = 1.1·debtors conversations):
// - no debtor (never identified): g % 10 = 9 (10 %); simulator runs: g % 100 = 3 (1 %);
// - opened by our notice (proactive first message): has a debtor, not simulated, g % 4 ≠ 3 (≈67 %);
//   a fifth of those never answered (1 message); the others have 2–4 messages, in and out;
// - channel: whatsapp 4/7, webchat 2/7, telegram 1/7 (g % 7); flow versions 1–3, in time order;
// - agreements: conversation 5j for j < 0.18·debtors, status by j % 20 (active 10, settled 2,
//   broken 5, renegotiated 2 — each with an active successor —, cancelled 1), cash for j % 3 = 0
//   else 2–5 instalments; plus one simulated agreement per simulator run.
import type { Db, Tx } from '../src/storage/database.js';

export const KPI_CREDITOR = 'kpi-creditor';
/** The bench's "now": the data spans the 13 months before it. */
export const KPI_NOW = new Date('2027-01-20T15:00:00Z');
const DAY_S = 86_400;
const SPAN_DAYS = 395;

/** The row counts the brief asks for, per 100 000 debtors (scaled with the debtors asked for). */
export const KPI_TARGETS: Record<string, number> = {
  Debtor: 100_000,
  Conversation: 110_000,
  Message: 300_000,
  Agreement: 20_000,
  Installment: 60_000,
  Payment: 15_000,
  Handoff: 5_000,
  ContactDecision: 50_000,
};

const sqlTimestamp = (d: Date) => `timestamp '${d.toISOString().replace('T', ' ').slice(0, 19)}'`;

/**
 * Seeds the portfolio in one transaction, loaded the way a bulk load is: the secondary indexes
 * dropped first and built once at the end (a unique index that cannot be built fails the seed).
 */
export async function seedKpiPortfolio(db: Db, debtors: number): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
      const indexes = await tx.$queryRawUnsafe<{ name: string; def: string }[]>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%\\_pkey'`,
      );
      for (const i of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${i.name}"`);
      await insertRows(tx, debtors);
      for (const i of indexes) await tx.$executeRawUnsafe(i.def);
    },
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
}

async function insertRows(db: Tx, debtors: number): Promise<void> {
  const D = debtors;
  const C = Math.round(debtors * 1.1);
  const A = Math.floor(debtors * 0.18);
  const now = sqlTimestamp(KPI_NOW);
  const t0 = sqlTimestamp(new Date(KPI_NOW.getTime() - SPAN_DAYS * DAY_S * 1000));
  // Conversations open over the first 385 days: the last ten leave room for what follows them.
  const step = ((SPAN_DAYS - 10) * DAY_S) / C;
  const convAt = (g: string) => `(${t0} + make_interval(secs => ${g} * ${step}))`;
  const proactive = (g: string) => `(${g} % 10 <> 9 AND ${g} % 100 <> 3 AND ${g} % 4 <> 3)`;
  const messageCount = (g: string) => `(CASE WHEN ${proactive(g)} AND ${g} % 5 = 1 THEN 1 ELSE 2 + ${g} % 3 END)`;
  const channel = (g: string) => `(ARRAY['whatsapp','whatsapp','whatsapp','whatsapp','webchat','webchat','telegram'])[${g} % 7 + 1]`;
  // 0..1023 from any text, the same on PostgreSQL and PGlite: a stable coin for row-level fates.
  const coin = (text: string) => `(hashtext(${text}) & 1023)`;
  const run = (sql: string, ...args: unknown[]) => db.$executeRawUnsafe(sql, ...args);

  await run(
    `INSERT INTO "Creditor" ("id", "name", "cnpj", "pixKey", "pixMerchantName", "pixCity") VALUES ($1, 'Distribuidora Exemplo Ltda', '11222333000181', 'financeiro@exemplo.com.br', 'Distribuidora Exemplo', 'SAO PAULO')`,
    KPI_CREDITOR,
  );
  await run(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash") VALUES ('kpi-agent', 'agente@exemplo.com.br', 'Agente', 'agent', 'x')`);

  await run(
    `INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "createdAt", "updatedAt")
     SELECT 'kd' || g, $1, lpad(g::text, 12, '0') || '00', 'Empresa ' || g || ' Ltda', ${t0} - make_interval(days => g % 60), ${now}
     FROM generate_series(0, ${D - 1}) g`,
    KPI_CREDITOR,
  );
  // One contact per debtor, a second for every fifth; 2 % opted out (their conversation's event below).
  await run(
    `INSERT INTO "Contact" ("id", "debtorId", "name", "phone", "optedOutAt", "createdAt")
     SELECT 'kp' || g, 'kd' || g, 'Contato ' || g, '+5511' || lpad(g::text, 9, '0'),
            CASE WHEN g % 50 = 20 THEN ${convAt('g')} + interval '10 minutes' END, ${t0}
     FROM generate_series(0, ${D - 1}) g
     UNION ALL
     SELECT 'kq' || g, 'kd' || g, NULL, '+5521' || lpad(g::text, 9, '0'), NULL, ${t0}
     FROM generate_series(0, ${D - 1}, 5) g`,
  );

  await run(
    `INSERT INTO "Conversation" ("id", "creditorId", "channel", "chatId", "debtorId", "flowId", "flowVersion", "snapshot", "status", "state", "simulation", "createdAt", "updatedAt")
     SELECT 'kc' || g, $1, ${channel('g')}, 'kpi-' || g, CASE WHEN g % 10 <> 9 THEN 'kd' || (g % ${D}) END, 'negotiation',
            1 + (3 * g) / ${C}, '{}'::jsonb, CASE WHEN at < ${now} - interval '30 days' THEN 'closed' ELSE 'bot' END, 'done', g % 100 = 3, at, at
     FROM (SELECT g, ${convAt('g')} AS at FROM generate_series(0, ${C - 1}) g) c`,
    KPI_CREDITOR,
  );
  // A notice-opened conversation alternates out (odd seq: the notice, then replies) and in; one the
  // debtor opened alternates in and out. Every message three minutes after the one before.
  await run(
    `INSERT INTO "Message" ("id", "conversationId", "seq", "direction", "author", "channel", "text", "templateKey", "proactive", "delivery", "sentAt", "processedAt", "createdAt")
     SELECT 'km' || g || '_' || s, 'kc' || g, s, dir, CASE dir WHEN 'in' THEN 'debtor' ELSE 'bot' END, ${channel('g')},
            CASE dir WHEN 'in' THEN 'quero negociar' ELSE 'texto ' || s END,
            CASE WHEN dir = 'out' THEN CASE WHEN s = 1 THEN 'notice.first' ELSE 'reply' END END,
            pro AND s = 1, CASE dir WHEN 'out' THEN 'sent' END, CASE dir WHEN 'out' THEN at END, CASE dir WHEN 'in' THEN at END, at
     FROM (SELECT g, s, ${proactive('g')} AS pro, ${convAt('g')} + make_interval(mins => 3 * s) AS at,
                  CASE WHEN ${proactive('g')} = (s % 2 = 1) THEN 'out' ELSE 'in' END AS dir
           FROM generate_series(0, ${C - 1}) g, generate_series(1, 4) s WHERE s <= ${messageCount('g')}) m`,
  );

  // Offers accepted by the agreements (cash: 5–20 % off; instalments: 2–6, rounded up to the cent).
  await run(
    `INSERT INTO "Offer" ("id", "conversationId", "debtorId", "kind", "totalCents", "discountBasisPoints", "installments", "installmentCents", "firstDueDate", "schedule", "round", "source", "status", "createdAt")
     SELECT 'KO' || j, 'kc' || (5 * j), 'kd' || (5 * j), kind, n * each, disc, n, each, to_char(at + interval '5 days', 'YYYY-MM-DD'), '[]'::jsonb,
            1 + j % 2, CASE WHEN j % 2 = 1 THEN 'counter' ELSE 'ladder' END, 'accepted', at - interval '2 minutes'
     FROM (SELECT j, kind, n, disc, CASE kind WHEN 'cash' THEN debt - debt * disc / 10000 ELSE (debt + n - 1) / n END AS each, at
           FROM (SELECT j, CASE WHEN j % 3 = 0 THEN 'cash' ELSE 'installments' END AS kind, CASE WHEN j % 3 = 0 THEN 1 ELSE 2 + j % 4 END AS n,
                        CASE WHEN j % 3 = 0 THEN 500 + (j % 4) * 500 ELSE 0 END AS disc, 100000 + (j::bigint * 7919) % 900000 AS debt,
                        ${convAt('5 * j')} + make_interval(hours => j % 72) AS at
                 FROM generate_series(0, ${A - 1}) j) x) o`,
  );
  await run(
    `INSERT INTO "Agreement" ("id", "creditorId", "debtorId", "conversationId", "offerId", "totalCents", "debtCents", "kind", "acceptedMessageId", "status", "agreedOn", "brokenOn", "settledAt", "renegotiatedById", "createdAt", "updatedAt")
     SELECT 'KA' || j, $1, o."debtorId", o."conversationId", o."id", o."totalCents", 100000 + (j::bigint * 7919) % 900000, o."kind", 'km' || (5 * j) || '_2', st,
            to_char(at - interval '3 hours', 'YYYY-MM-DD'),
            CASE WHEN st = 'broken' THEN to_char(at + interval '45 days', 'YYYY-MM-DD') END,
            CASE WHEN st = 'settled' THEN least(at + make_interval(days => 30 * o."installments"), ${now} - interval '1 hour') END,
            CASE WHEN st = 'renegotiated' THEN 'KR' || j END, at, at
     FROM (SELECT j, (ARRAY['active','active','active','active','active','active','active','active','active','settled','settled','broken','broken','broken','broken','broken','renegotiated','renegotiated','cancelled','active'])[j % 20 + 1] AS st
           FROM generate_series(0, ${A - 1}) j) s
     JOIN "Offer" o ON o."id" = 'KO' || j, LATERAL (SELECT o."createdAt" + interval '2 minutes' AS at) t`,
    KPI_CREDITOR,
  );
  // Each renegotiated agreement's successor: 6 instalments, 40 days later, in the same conversation.
  await run(
    `INSERT INTO "Offer" ("id", "conversationId", "debtorId", "kind", "totalCents", "discountBasisPoints", "installments", "installmentCents", "firstDueDate", "schedule", "round", "source", "status", "createdAt")
     SELECT 'KRO' || substr(a."id", 3), a."conversationId", a."debtorId", 'installments', 6 * ((a."totalCents" + 5) / 6), 0, 6, (a."totalCents" + 5) / 6,
            to_char(at + interval '5 days', 'YYYY-MM-DD'), '[]'::jsonb, 1, 'ladder', 'accepted', at - interval '2 minutes'
     FROM "Agreement" a, LATERAL (SELECT least(a."createdAt" + interval '40 days', ${now} - interval '1 hour') AS at) t
     WHERE a."status" = 'renegotiated'`,
  );
  // Simulator runs' agreements (never counted by the KPIs).
  await run(
    `INSERT INTO "Offer" ("id", "conversationId", "debtorId", "kind", "totalCents", "discountBasisPoints", "installments", "installmentCents", "firstDueDate", "schedule", "round", "source", "status", "createdAt")
     SELECT 'KSO' || g, 'kc' || g, 'kd' || (g % ${D}), 'installments', 300000, 0, 3, 100000, to_char(at + interval '5 days', 'YYYY-MM-DD'), '[]'::jsonb, 1, 'ladder', 'accepted', at
     FROM (SELECT g, ${convAt('g')} + interval '10 minutes' AS at FROM generate_series(3, ${C - 1}, 100) g) s`,
  );
  await run(
    `INSERT INTO "Agreement" ("id", "creditorId", "debtorId", "conversationId", "offerId", "totalCents", "debtCents", "kind", "acceptedMessageId", "status", "agreedOn", "renegotiatesId", "createdAt", "updatedAt")
     SELECT CASE WHEN o."id" LIKE 'KRO%' THEN 'KR' ELSE 'KS' END || substr(o."id", 4), $1, o."debtorId", o."conversationId", o."id", o."totalCents", o."totalCents", o."kind", '',
            CASE WHEN o."id" LIKE 'KRO%' THEN 'active' ELSE 'simulated' END, to_char(at - interval '3 hours', 'YYYY-MM-DD'),
            CASE WHEN o."id" LIKE 'KRO%' THEN 'KA' || substr(o."id", 4) END, at, at
     FROM "Offer" o, LATERAL (SELECT o."createdAt" + interval '2 minutes' AS at) t
     WHERE o."id" LIKE 'KRO%' OR o."id" LIKE 'KSO%'`,
    KPI_CREDITOR,
  );
  // Offers not (yet) accepted: the first round of the agreements made at round 2, and a proposal in
  // a quarter of the answered conversations that reached no agreement.
  await run(
    `INSERT INTO "Offer" ("id", "conversationId", "debtorId", "kind", "totalCents", "discountBasisPoints", "installments", "installmentCents", "firstDueDate", "schedule", "round", "source", "status", "createdAt")
     SELECT 'KP' || substr(o."id", 3), o."conversationId", o."debtorId", 'cash', o."totalCents" + 10000, 0, 1, o."totalCents" + 10000, o."firstDueDate", '[]'::jsonb, 1, 'ladder', 'superseded', o."createdAt" - interval '5 minutes'
     FROM "Offer" o WHERE o."id" LIKE 'KO%' AND o."round" = 2
     UNION ALL
     SELECT 'KX' || g, 'kc' || g, 'kd' || (g % ${D}), 'installments', 240000, 0, 4, 60000, to_char(at + interval '5 days', 'YYYY-MM-DD'), '[]'::jsonb, 1, 'ladder', 'proposed', at
     FROM (SELECT g, ${convAt('g')} + interval '8 minutes' AS at FROM generate_series(0, ${C - 1}) g
           WHERE g % 10 <> 9 AND g % 100 <> 3 AND g % 5 <> 0 AND g % 4 = 1 AND ${messageCount('g')} >= 2) s`,
  );

  // Instalments 30 days apart from 5 days after the agreement. Settled: all paid (a few days early
  // or late); active: 25 % of those due are paid, the rest late; broken: half paid their first;
  // renegotiated: the first paid; cancelled and simulated: open.
  await run(
    `INSERT INTO "Installment" ("id", "agreementId", "creditorId", "n", "dueDate", "amountCents", "txid", "pixCode", "status", "paidCents", "paidAt")
     SELECT a."id" || '_' || n, a."id", $1, n, to_char(due, 'YYYY-MM-DD'), o."installmentCents", a."id" || 'P' || n, 'pix-' || a."id" || '-' || n,
            st, CASE st WHEN 'paid' THEN o."installmentCents" ELSE 0 END,
            CASE st WHEN 'paid' THEN least(due + interval '15 hours' + make_interval(days => h % 8 - 5), ${now} - interval '1 hour') END
     FROM "Agreement" a JOIN "Offer" o ON o."id" = a."offerId", generate_series(1, 6) n,
          LATERAL (SELECT a."createdAt"::date + 5 + 30 * (n - 1) AS due, ${coin(`a."id" || n`)} AS h) d,
          LATERAL (SELECT CASE
            WHEN a."status" = 'settled' THEN 'paid'
            WHEN a."status" = 'active' AND due < ${now}::date THEN CASE WHEN h % 20 < 5 THEN 'paid' ELSE 'late' END
            WHEN a."status" = 'broken' AND n = 1 AND h % 2 = 0 THEN 'paid'
            WHEN a."status" = 'broken' AND due < ${now}::date THEN 'late'
            WHEN a."status" = 'renegotiated' AND n = 1 AND due < ${now}::date THEN 'paid'
            ELSE 'open' END AS st) s
     WHERE n <= o."installments"`,
    KPI_CREDITOR,
  );
  // One PIX payment per paid instalment (late ones carry 2 % charges), and a few unmatched ones.
  await run(
    `INSERT INTO "Payment" ("id", "creditorId", "key", "txid", "amountCents", "paidAt", "source", "status", "agreementId", "installmentN", "allocations", "chargesCents", "createdBy", "createdAt")
     SELECT 'kpay' || i."id", $1, 'e2e-' || i."txid", i."txid", i."amountCents" + ch, i."paidAt", CASE WHEN i."n" % 10 = 0 THEN 'manual' ELSE 'pix' END, 'applied',
            i."agreementId", i."n", jsonb_build_array(jsonb_build_object('n', i."n", 'cents', i."amountCents")), ch, 'pix', i."paidAt"
     FROM "Installment" i, LATERAL (SELECT CASE WHEN i."paidAt"::date > i."dueDate"::date THEN i."amountCents" * 2 / 100 ELSE 0 END AS ch) c
     WHERE i."status" = 'paid'
     UNION ALL
     SELECT 'kpayu' || g, $1, 'e2e-u' || g, 'unknown' || g, 12345, at, 'pix', 'unmatched', NULL, NULL, '[]'::jsonb, 0, 'pix', at
     FROM (SELECT g, ${convAt('g')} AS at FROM generate_series(0, ${C - 1}, 300) g) u`,
    KPI_CREDITOR,
  );

  // Invoices in every ageing bucket, both when the debtor's latest conversation opens (the oldest due
  // from 60 days after it to 399 days before, evenly: the bucket filter finds each period's events
  // in every bucket) and now. A debtor's invoices are in its agreement (in force), paid (settled)
  // or open.
  await run(
    `INSERT INTO "Invoice" ("id", "debtorId", "number", "amountCents", "dueDate", "status", "agreementId", "createdAt", "updatedAt")
     SELECT 'ki' || g || '_' || k, 'kd' || g, 'NF-' || g || '-' || k, 50000 + (g::bigint * 7919 + k * 104729) % 500000,
            to_char(${convAt(`CASE WHEN g + ${D} < ${C} THEN g + ${D} ELSE g END`)}::date + 60 - (g * 7919) % 460 + (k - 1) * 30, 'YYYY-MM-DD'),
            CASE WHEN a."status" IN ('active', 'broken') THEN 'in_agreement' WHEN a."status" = 'renegotiated' THEN 'in_agreement' WHEN a."status" = 'settled' THEN 'paid'
                 WHEN a."id" IS NULL AND g % 17 = 1 THEN 'paid' WHEN a."id" IS NULL AND g % 23 = 1 THEN 'cancelled' ELSE 'open' END,
            CASE WHEN a."status" IN ('active', 'broken', 'settled') THEN a."id" WHEN a."status" = 'renegotiated' THEN a."renegotiatedById" END,
            ${t0}, ${t0}
     FROM generate_series(0, ${D - 1}) g CROSS JOIN generate_series(1, 2) k
     LEFT JOIN "Agreement" a ON g % 5 = 0 AND a."id" = 'KA' || (g / 5)`,
  );

  // Hand-offs in one conversation of 22, eight minutes in; 70 % claimed within four hours.
  await run(
    `INSERT INTO "Handoff" ("id", "conversationId", "reason", "status", "agentId", "claimedAt", "createdAt", "closedAt", "resolution")
     SELECT 'kh' || g, 'kc' || g, (ARRAY['asked_for_person','dispute','judicial','insult','bot_error','renegotiation_limit'])[(g / 22) % 6 + 1],
            CASE WHEN claimed THEN CASE WHEN at < ${now} - interval '30 days' THEN 'closed' ELSE 'open' END ELSE 'pending' END,
            CASE WHEN claimed THEN 'kpi-agent' END, CASE WHEN claimed THEN at + make_interval(mins => 1 + g % 240) END, at,
            CASE WHEN claimed AND at < ${now} - interval '30 days' THEN at + interval '1 day' END,
            CASE WHEN claimed AND at < ${now} - interval '30 days' THEN 'handback' END
     FROM (SELECT g, (g / 22) % 10 < 7 AS claimed, ${convAt('g')} + interval '8 minutes' AS at FROM generate_series(1, ${C - 1}, 22) g) h`,
  );
  // The contact policy's decision on two notices of three: 80 % sent, 15 % deferred, 5 % blocked.
  await run(
    `INSERT INTO "ContactDecision" ("id", "at", "messageId", "conversationId", "debtorId", "channel", "status", "reason", "until")
     SELECT 'kcd' || g, at, 'km' || g || '_1', 'kc' || g, 'kd' || (g % ${D}), ${channel('g')}, st,
            CASE st WHEN 'sent' THEN 'allowed' WHEN 'blocked' THEN 'opted_out' ELSE (ARRAY['quiet_hours','daily_cap','weekly_cap','holiday'])[g % 4 + 1] END,
            CASE st WHEN 'deferred' THEN at + interval '12 hours' END
     FROM (SELECT g, ${convAt('g')} + interval '3 minutes' AS at, CASE WHEN g % 20 < 16 THEN 'sent' WHEN g % 20 < 19 THEN 'deferred' ELSE 'blocked' END AS st
           FROM generate_series(0, ${C - 1}) g WHERE ${proactive('g')} AND g % 3 <> 0) d`,
  );

  // The audit events the KPIs count. In the app each event carries the hash of the one before it
  // (a chain the audit view verifies); the KPIs never read the chain, so the bench writes
  // placeholder hashes instead of chaining a million rows, each event alone on a stream of its own.
  const audit = `INSERT INTO "AuditEvent" ("at", "type", "actor", "conversationId", "debtorId", "data", "prevHash", "hash", "stream", "seq")`;
  await run(
    `${audit}
     SELECT ${convAt('g')} + interval '4 minutes', 'identity.verified', 'debtor', 'kc' || g, 'kd' || (g % ${D}),
            jsonb_build_object('debtorId', 'kd' || (g % ${D}), 'method', 'invoice'), 'bench', 'bench', 'bench:' || gen_random_uuid(), 1
     FROM generate_series(0, ${C - 1}) g
     WHERE g % 10 <> 9 AND g % 100 <> 3 AND (g % 5 = 0 OR (${messageCount('g')} >= 2 AND g % 3 <> 2))`,
  );
  await run(
    `${audit}
     SELECT o."createdAt", 'offer.made', 'bot', o."conversationId", o."debtorId",
            jsonb_build_object('offerId', o."id", 'round', o."round", 'offer', jsonb_build_object('kind', o."kind", 'totalCents', o."totalCents", 'installments', o."installments")), 'bench', 'bench', 'bench:' || gen_random_uuid(), 1
     FROM "Offer" o`,
  );
  // Phrasing: 70 % reworded by the LLM; the rest the template, for a reason (guardrails: a check failed).
  await run(
    `${audit}
     SELECT m."createdAt", 'message.phrased', 'bot', m."conversationId", c."debtorId",
            CASE WHEN h % 10 < 7 THEN jsonb_build_object('messageId', m."id", 'source', 'llm', 'failures', '[]'::jsonb)
                 WHEN h % 10 = 7 THEN jsonb_build_object('messageId', m."id", 'source', 'template', 'reason', 'guardrails',
                   'failures', jsonb_build_array(jsonb_build_object('check', (ARRAY['numbers','promises','links','language'])[h % 4 + 1])))
                 ELSE jsonb_build_object('messageId', m."id", 'source', 'template', 'reason', CASE WHEN h % 10 = 8 THEN 'llm_error' ELSE 'budget' END, 'failures', '[]'::jsonb) END,
            'bench', 'bench', 'bench:' || gen_random_uuid(), 1
     FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId", LATERAL (SELECT ${coin('m."id"')} AS h) x
     WHERE m."direction" = 'out'`,
  );
  await run(
    `${audit}
     SELECT m."createdAt" + interval '1 second', 'turn.failed', 'system', m."conversationId", c."debtorId",
            jsonb_build_object('inboundId', m."id", 'code', 'llm_timeout', 'message', 'timeout'), 'bench', 'bench', 'bench:' || gen_random_uuid(), 1
     FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
     WHERE m."direction" = 'in' AND ${coin('m."id"')} % 100 = 0`,
  );
  await run(
    `${audit}
     SELECT c."optedOutAt", 'contact.opted_out', 'debtor', 'kc' || substr(c."id", 3), c."debtorId", jsonb_build_object('channel', ${channel('substr(c."id", 3)::int')}), 'bench', 'bench', 'bench:' || gen_random_uuid(), 1
     FROM "Contact" c WHERE c."optedOutAt" IS NOT NULL`,
  );
}

/** Rows per table, for the printout (and the check that the seed made what it says). */
export async function countKpiRows(db: Tx): Promise<Record<string, number>> {
  const tables = ['Debtor', 'Contact', 'Invoice', 'Conversation', 'Message', 'Offer', 'Agreement', 'Installment', 'Payment', 'Handoff', 'ContactDecision', 'AuditEvent'];
  const rows = await db.$queryRawUnsafe<{ t: string; n: bigint }[]>(tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM "${t}"`).join(' UNION ALL '));
  const n = new Map(rows.map((r) => [r.t, Number(r.n)]));
  return Object.fromEntries(tables.map((t) => [t, n.get(t) ?? 0]));
}
