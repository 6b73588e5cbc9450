import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ChannelAdapter, InboundChannelMessage } from './channels/channelPort.js';
import { saveAttachment } from './storage/attachmentStore.js';
import { WebchatAdapter } from './channels/webchat/webchatAdapter.js';
import { enqueueNotices } from './storage/noticeRepository.js';
import { channelAdaptersFromConfig } from './channels/channelAdaptersFromConfig.js';
import { toPipelineMessage } from './channels/toPipelineMessage.js';
import { TelegramAdapter } from './channels/telegram/telegramAdapter.js';
import { WhatsAppAdapter } from './channels/whatsapp/whatsappAdapter.js';
import { LeaderChannel, singleConnectionName } from './channels/leaderChannel.js';
import { AlwaysLeader, PgLeaderLock, type LeaderLock } from './storage/leaderLock.js';
import { PgChangeRelay } from './storage/pgChangeRelay.js';
import { normalizeCnpj } from './domain/cnpj.js';
import type { Config } from './config/config.js';
import { FlowCatalog } from './engine/flowCatalog.js';
import { TurnPipeline } from './engine/turnPipeline.js';
import { registerAccountRoutes } from './http/accountRoutes.js';
import { registerAgentRoutes } from './http/agentRoutes.js';
import { registerUserAdminRoutes } from './http/userAdminRoutes.js';
import { registerConsolePage } from './http/consolePage.js';
import { registerAdminPage } from './http/adminPage.js';
import { registerFlowRoutes } from './http/flowRoutes.js';
import { registerPolicyBucketsRoutes } from './http/policyBucketsRoutes.js';
import { registerAuditRoutes } from './http/auditRoutes.js';
import { registerPrivacyRoutes } from './http/privacyRoutes.js';
import { retentionChore } from './jobs/retention.js';
import { withChoreLease } from './storage/choreLease.js';
import { registerEscalationRulesRoutes } from './http/escalationRulesRoutes.js';
import { registerContactPolicyRoutes } from './http/contactPolicyRoutes.js';
import { registerIdentityLockRoutes } from './http/identityLockRoutes.js';
import { ConsoleEvents } from './handoff/consoleEvents.js';
import { HandoffDesk } from './handoff/handoffDesk.js';
import { queueWaitingNotices } from './handoff/waitingNotices.js';
import { EscalationRulesCache } from './storage/escalationRulesCache.js';
import { registerAdminRoutes } from './http/adminRoutes.js';
import { registerPortfolioRoutes } from './http/portfolioRoutes.js';
import { buildServer } from './http/buildServer.js';
import { registerHealthRoutes } from './http/healthRoutes.js';
import { registerLoadShedding } from './http/loadShedding.js';
import { registerWebchatPage } from './http/webchatPage.js';
import { WEBCHAT, registerWebchatRoutes } from './http/webchatRoutes.js';
import { OutboxSender } from './jobs/outboxSender.js';
import { ProactiveGate } from './jobs/proactiveGate.js';
import type { Pacer } from './jobs/pacer.js';
import { checkText } from './phrasing/guardrails/checkText.js';
import { loadLlmPrompts } from './phrasing/loadLlmPrompts.js';
import { OpenAiRewriter } from './phrasing/openaiRewriter.js';
import { Phraser } from './phrasing/phraser.js';
import { loadTemplates } from './phrasing/templates.js';
import { DEFAULT_CREDITOR_ID, creditorFacts, upsertCreditor } from './storage/creditorRepository.js';
import { openDatabase, type Database } from './storage/database.js';
import { prismaFlowVersionStore } from './storage/flowVersionRepository.js';
import { PrismaConversationStore } from './storage/prismaConversationStore.js';
import { seedDemo } from './storage/seedDemo.js';
import { ensurePrivateDir } from './storage/privateDir.js';

const RECEIPT_DOWNLOAD_TIMEOUT_MS = 15_000;

/** One first notice per debtor per week at most: the first of the seed articles' mistakes is over-contact. */
const NOTICE_MIN_INTERVAL_MS = 7 * 24 * 3_600_000;

export const DEFAULT_FLOW_FILE = new URL('../flows/negotiation.json', import.meta.url);

export interface App {
  server: FastifyInstance;
  pipeline: TurnPipeline;
  adapters: ChannelAdapter[];
  store: PrismaConversationStore;
  database: Database;
  adminToken: string;
  /** The background chores of one tick (outbox retries, handoffs' waiting messages, interrupted hand-backs). */
  chores(): Promise<void>;
  close(): Promise<void>;
}

/** ADMIN_TOKEN, or one generated on first start and kept in DATA_DIR (never logged). */
function resolveAdminToken(config: Config, logger: Logger): string {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  const file = path.join(config.DATA_DIR, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateDir(config.DATA_DIR);
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  logger.warn({ file }, 'ADMIN_TOKEN is not set: generated one and saved it in this file');
  return token;
}

/** The composition root: the one place that wires concrete adapters to the core. */
export interface AppOptions {
  clock?: () => Date;
  /** Channel adapters to run instead of those the configuration enables (tests point real ones at fakes). */
  adapters?: ChannelAdapter[];
  /** Outbound pacing; default the per-channel limits of DEFAULT_PACING. */
  pacer?: Pacer;
}

export async function createApp(config: Config, logger: Logger, opts: AppOptions = {}): Promise<App> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationLockWaitMs: config.MIGRATION_LOCK_WAIT_MS });
  try {
    if (database.appliedMigrations.length) logger.info({ migrations: database.appliedMigrations }, 'database migrated');
    const db = database.prisma;
    const templates = loadTemplates();
    const flows = new FlowCatalog(prismaFlowVersionStore(db), templates);
    // Replicas starting together set these up one at a time (the same flow version is published once).
    const { creditor, published } = await database.exclusive(async () => {
      const creditor = await upsertCreditor(db, {
        id: DEFAULT_CREDITOR_ID,
        name: config.CREDITOR_NAME,
        cnpj: normalizeCnpj(config.CREDITOR_CNPJ),
        pixKey: config.CREDITOR_PIX_KEY,
        pixMerchantName: config.CREDITOR_NAME,
        pixCity: config.CREDITOR_PIX_CITY,
      });
      if (config.DEMO_DATA && (await seedDemo(db, creditor.id))) logger.info('demo debtor seeded (see README)');
      const flowDef = JSON.parse(readFileSync(DEFAULT_FLOW_FILE, 'utf8')) as unknown;
      const published = await flows.publishFiles(flowDef, templates, 'system:flows/negotiation.json');
      if (published.created) logger.info({ flowId: published.flowId, version: published.version }, 'flow published');
      return { creditor, published };
    });

    const store = new PrismaConversationStore(db, creditor);
    const adapters: ChannelAdapter[] = opts.adapters ?? (await channelAdaptersFromConfig(config, logger));
    const phraser = new Phraser({
      rewriter: config.OPENAI_API_KEY
        ? new OpenAiRewriter({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.LLM_TIMEOUT_MS })
        : undefined,
      prompts: loadLlmPrompts(),
      check: checkText,
      tokenBudgetPerConversation: config.LLM_TOKEN_BUDGET,
      allowedLinks: config.LLM_ALLOWED_LINKS,
    });
    logger.info({ llm: phraser.enabled ? config.OPENAI_MODEL : 'off (templates only)' }, 'phrasing');
    const contactGate = new ProactiveGate({ db, store, creditorId: creditor.id });
    const outbox = new OutboxSender(store, (flowId, version) => flows.templates(flowId, version), Object.fromEntries([new WebchatAdapter(), ...adapters].map((a) => [a.channel, a])), logger, contactGate, phraser, opts.pacer, opts.clock);
    const rulesCache = new EscalationRulesCache(db, creditor.id);
    // On PostgreSQL the agents' live updates cross replicas through LISTEN/NOTIFY.
    const events = new ConsoleEvents(database.kind === 'postgresql' && config.DATABASE_URL ? new PgChangeRelay(config.DATABASE_URL, logger) : undefined);
    await events.start();
    outbox.onSent = (conversationId) => events.publish({ conversationId, kind: 'message' });
    const pipeline = new TurnPipeline({
      store,
      flows,
      creditor: creditorFacts(creditor),
      outbox,
      logger,
      flowId: published.flowId,
      defaultTimeZone: config.TZ_DEFAULT,
      clock: opts.clock,
      rules: () => rulesCache.get(),
      onChange: (change) => events.publish(change),
    });
    const clock = opts.clock ?? (() => new Date());
    const desk = new HandoffDesk({
      db,
      conversations: store,
      creditorId: creditor.id,
      dispatch: (id, event) => pipeline.dispatch(id, event),
      flush: (id) => outbox.flush(id),
      publish: (change) => events.publish(change),
      clock,
    });
    // Replicas on one database share the chores: each runs under a lease only one process holds.
    const choreHolder = `chores:${randomUUID()}`;
    const withLease = <T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; everyMs?: number } = {}) =>
      withChoreLease(db, { creditorId: creditor.id, name, holder: choreHolder, leaseMs: opts.leaseMs ?? config.LEASE_MS, everyMs: opts.everyMs, now: clock() }, fn);
    outbox.leaseMs = config.LEASE_MS;
    const recovered = await pipeline.recover({ leaseMs: config.LEASE_MS });
    if (recovered) logger.info({ recovered }, 'finished turns interrupted by a previous stop');
    const resumed = await withLease('handoffs', () => desk.resumeOrphans());
    if (resumed) logger.info({ resumed }, 'gave back to the bot conversations a stop left between a hand-back and its turn');
    // Photos and documents may be payment receipts: keep the bytes for the person who checks them.
    // A failed download still lets the message through (its platform file id is stored).
    const keepReceipt = async (adapter: ChannelAdapter, m: InboundChannelMessage): Promise<InboundChannelMessage> => {
      if (m.kind !== 'media' || !m.media?.fileId || !adapter.downloadMedia || !['photo', 'document'].includes(m.media.type)) return m;
      try {
        // Bounded: the message itself is stored only after this, so a hanging platform must not hold it.
        const bytes = await Promise.race([
          adapter.downloadMedia(m.media.fileId),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('download timed out')), RECEIPT_DOWNLOAD_TIMEOUT_MS).unref()),
        ]);
        const stored = await saveAttachment(config.DATA_DIR, bytes, m.media.fileName);
        return { ...m, media: { ...m.media, stored } };
      } catch (err) {
        logger.warn({ err, channel: adapter.channel }, 'could not download a received file; keeping its reference only');
        return m;
      }
    };
    // A connection that must be single (Telegram polling, one WhatsApp socket) runs on the one
    // replica holding its database lock; on the embedded database this process is the only one.
    const leaderLock: LeaderLock = database.kind === 'postgresql' && config.DATABASE_URL ? new PgLeaderLock(config.DATABASE_URL) : new AlwaysLeader();
    const runners = adapters.map((adapter) => {
      const lockName = singleConnectionName(adapter, creditor.id);
      return { adapter, runner: lockName ? new LeaderChannel(adapter, leaderLock, lockName, { retryMs: config.CHANNEL_LOCK_RETRY_MS, logger }) : adapter };
    });
    // Channels start in the background: an unreachable platform must not keep the web chat down.
    for (const { adapter, runner } of runners) {
      runner
        .start(async (m) => {
          await pipeline.handle(toPipelineMessage(await keepReceipt(adapter, m)), { openIfMissing: true });
        })
        .then(
          () => logger.info({ channel: adapter.channel }, 'channel started'),
          (err) => logger.error({ err, channel: adapter.channel }, 'channel failed to start'),
        );
    }

    const adminToken = resolveAdminToken(config, logger);
    const server = await buildServer(logger, { trustProxy: config.TRUST_PROXY });
    // Before every route: its hooks must see them all.
    await registerLoadShedding(server, { maxInFlight: config.MAX_REQUESTS_IN_FLIGHT, maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS });
    registerHealthRoutes(server);
    registerWebchatPage(server);
    const telegram = adapters.find((a): a is TelegramAdapter => a instanceof TelegramAdapter);
    if (config.TELEGRAM_WEBHOOK_URL && telegram) server.post('/telegram/webhook', telegram.webhookHandler('fastify'));
    registerWebchatRoutes(server, { pipeline, store, messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE, messagesPerAddressPerMinute: config.WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE, sessionsPerMinute: config.WEBCHAT_SESSIONS_PER_MINUTE });
    const whatsapp = adapters.find((a): a is WhatsAppAdapter => a instanceof WhatsAppAdapter);
    const sendNotices = async (cnpjs?: string[]) => {
      const result = await enqueueNotices(db, creditor, {
        cnpjs,
        channels: adapters.map((a) => a.channel).filter((c): c is 'whatsapp' | 'telegram' => c === 'whatsapp' || c === 'telegram'),
        flowId: published.flowId,
        flowVersion: await flows.latestVersion(published.flowId),
        locale: 'pt-BR',
        timeZone: config.TZ_DEFAULT,
        minIntervalMs: NOTICE_MIN_INTERVAL_MS,
        now: new Date(),
        resolveWhatsApp: whatsapp ? (phone) => whatsapp.resolveChatId(phone) : undefined,
      });
      void outbox.flush().catch((err) => logger.error({ err }, 'outbox flush failed'));
      return result;
    };
    registerAdminRoutes(server, { db, creditorId: creditor.id, adminToken, sendNotices, whatsapp });
    registerPortfolioRoutes(server, { db, creditorId: creditor.id, adminToken });
    registerAccountRoutes(server, { db, adminToken, clock });
    registerUserAdminRoutes(server, { db, adminToken, clock });
    registerEscalationRulesRoutes(server, { db, creditorId: creditor.id, adminToken, onChange: () => rulesCache.invalidate() });
    registerContactPolicyRoutes(server, { db, creditorId: creditor.id, adminToken, onChange: () => contactGate.invalidate() });
    registerAgentRoutes(server, { db, creditorId: creditor.id, desk, events, clock });
    registerFlowRoutes(server, { db, flows, pipeline, adminToken });
    registerPolicyBucketsRoutes(server, { db, creditorId: creditor.id, adminToken });
    registerAuditRoutes(server, { db, adminToken, clock });
    registerIdentityLockRoutes(server, { db, creditorId: creditor.id, adminToken, clock });
    registerPrivacyRoutes(server, { db, adminToken, dataDir: config.DATA_DIR, clock });
    // Personal data of conversations inactive for RETENTION_DAYS (unverified web chat sessions:
    // WEBCHAT_UNVERIFIED_RETENTION_HOURS) is erased; paced by its lease (once an hour across all
    // processes), not per process.
    const retention = retentionChore({ db, retentionDays: config.RETENTION_DAYS, unverifiedWebchatHours: config.WEBCHAT_UNVERIFIED_RETENTION_HOURS, dataDir: config.DATA_DIR, clock, intervalMs: 0 });
    registerConsolePage(server);
    registerAdminPage(server);
    // Handoffs nobody claimed get their one waiting message; hand-backs a stop interrupted are finished.
    const handoffChores = async () => {
      for (const id of await queueWaitingNotices(db, await rulesCache.get(), clock())) {
        events.publish({ conversationId: id, kind: 'message' });
        await outbox.flush(id);
      }
      await desk.resumeOrphans();
    };
    // Retries of failed sends and anything left pending; the in-request flush covers the normal case.
    const chores = async () => {
      // Inbound messages another process stored but did not finish (it died or stalled): finished here.
      const finished = await pipeline.recover({ olderThanMs: config.LEASE_MS, leaseMs: config.LEASE_MS }).catch((err) => logger.error({ err }, 'recovery of stale turns failed'));
      if (finished) logger.info({ finished }, 'finished turns left unprocessed by a stopped or stalled process');
      await withLease('handoffs', handoffChores).catch((err) => logger.error({ err }, 'handoff chores failed'));
      // A long pass keeps its lease for longer than a tick's chores would.
      const erased = await withLease('retention', retention, { leaseMs: Math.max(config.LEASE_MS, 15 * 60_000), everyMs: 3_600_000 }).catch((err) => logger.error({ err }, 'retention pass failed'));
      if (erased?.conversations) logger.info(erased, 'retention: personal data of inactive conversations erased');
      // Rows fresher than the lease are being sent by the process whose turn wrote them.
      await outbox.flushStale(config.LEASE_MS).catch((err) => logger.error({ err }, 'outbox flush failed'));
    };
    let ticking = false;
    const timer = setInterval(() => {
      if (ticking) return;
      ticking = true;
      void chores().finally(() => (ticking = false));
    }, config.JOBS_INTERVAL_MS);
    timer.unref();

    return {
      server,
      pipeline,
      adapters,
      store,
      database,
      adminToken,
      chores,
      async close() {
        clearInterval(timer);
        for (const { runner: a } of runners) await a.stop().catch((err) => logger.warn({ err, channel: a.channel }, 'channel stop failed'));
        await leaderLock.close();
        await server.close();
        await outbox.flush().catch(() => {});
        await events.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
