import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ChannelAdapter } from './channels/channelPort.js';
import { channelAdaptersFromConfig } from './channels/channelAdaptersFromConfig.js';
import { startChannels } from './channels/channelRunners.js';
import { pipelineHandler } from './channels/pipelineHandler.js';
import { WEBCHAT } from './channels/webchat/webchatRoutes.js';
import { WebchatAdapter } from './channels/webchat/webchatAdapter.js';
import { resolveAdminToken } from './config/adminToken.js';
import { resolveAuditCheckpointSecret } from './config/auditCheckpointSecret.js';
import type { Config } from './config/config.js';
import { FlowCatalog } from './engine/flowCatalog.js';
import { TurnPipeline, type ConversationChange } from './engine/turnPipeline.js';
import { ConsoleEvents } from './handoff/consoleEvents.js';
import { HandoffDesk } from './handoff/handoffDesk.js';
import { buildServer } from './http/buildServer.js';
import { registerRoutes } from './http/registerRoutes.js';
import { ChoreScheduler } from './jobs/choreScheduler.js';
import { noticeSender } from './jobs/noticeSender.js';
import { agreementTermDocuments } from './jobs/agreementTermDocument.js';
import { OutboxSender } from './jobs/outboxSender.js';
import type { Pacer } from './jobs/pacer.js';
import { ProactiveGate } from './jobs/proactiveGate.js';
import { phraserFromConfig } from './phrasing/phraserFromConfig.js';
import { loadTemplates, withMissingKeys } from './phrasing/templates.js';
import { readAgreementTerm } from './storage/agreementTermReader.js';
import { creditorFacts } from './storage/creditorRepository.js';
import { openDatabase, type Database } from './storage/database.js';
import { EscalationRulesCache } from './storage/escalationRulesCache.js';
import { prismaFlowVersionStore } from './storage/flowVersionRepository.js';
import { AlwaysLeader, PgLeaderLock } from './storage/leaderLock.js';
import { currentSetting } from './storage/settingVersions.js';
import { WHATSAPP_TEMPLATES } from './storage/whatsappTemplatesRepository.js';
import type { ProactiveTemplateKey } from './domain/whatsappTemplates.js';
import { PgChangeRelay } from './storage/pgChangeRelay.js';
import { PrismaConversationStore } from './storage/prismaConversationStore.js';
import { setUpCreditor } from './storage/setUpCreditor.js';
import { emailAdapterFromConfig } from './channels/email/emailAdapterFromConfig.js';
import { linkKeyFrom } from './domain/signedLink.js';
import { debtorOfChatLink } from './storage/chatLinks.js';
import { mailContacts } from './storage/mailContacts.js';
import { CHANNEL_ORDER } from './storage/channelOrderRepository.js';

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

export interface AppOptions {
  clock?: () => Date;
  /** Channel adapters to run instead of those the configuration enables (tests point real ones at fakes). */
  adapters?: ChannelAdapter[];
  /** Outbound pacing; default the per-channel limits of DEFAULT_PACING. */
  pacer?: Pacer;
}

/** The composition root: the one place that wires concrete adapters to the core. */
export async function createApp(config: Config, logger: Logger, opts: AppOptions = {}): Promise<App> {
  // First: a replica without the shared checkpoint key stops before it migrates or serves anything.
  const auditCheckpointKey = resolveAuditCheckpointSecret(config, logger);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationLockWaitMs: config.MIGRATION_LOCK_WAIT_MS });
  try {
    if (database.appliedMigrations.length) logger.info({ migrations: database.appliedMigrations }, 'database migrated');
    const db = database.prisma;
    const clock = opts.clock ?? (() => new Date());
    const templates = loadTemplates();
    const flows = new FlowCatalog(prismaFlowVersionStore(db), templates);
    const { creditor, published } = await setUpCreditor({ database, flows, templates, config, logger });
    const creditorId = creditor.id;

    const linkKey = linkKeyFrom(auditCheckpointKey);
    // E-mail needs the database (who an address is, bounces, opt-outs), so it is built here; a
    // test's own adapters run beside it unless they bring one.
    const email = opts.adapters?.some((a) => a.channel === 'email')
      ? null
      : emailAdapterFromConfig(config, { creditor: { name: creditor.name, cnpj: creditor.cnpj }, contacts: mailContacts(db, creditorId, clock), linkKey, clock });
    const adapters: ChannelAdapter[] = [...(opts.adapters ?? (await channelAdaptersFromConfig(config, logger))), ...(email ? [email] : [])];
    const store = new PrismaConversationStore(db, creditor, { emailTerms: adapters.some((a) => a.channel === 'email') });
    const phraser = await phraserFromConfig(config);
    logger.info({ llm: phraser.enabled ? config.OPENAI_MODEL : 'off (templates only)' }, 'phrasing');
    const contactGate = new ProactiveGate({ db, store, creditorId });
    const rulesCache = new EscalationRulesCache(db, creditorId);
    // On PostgreSQL the agents' live updates cross replicas through LISTEN/NOTIFY.
    const events = new ConsoleEvents(database.kind === 'postgresql' && config.DATABASE_URL ? new PgChangeRelay(config.DATABASE_URL, logger) : undefined);
    await events.start();
    // The web chat is always on, whatever else the configuration enables; its sessions open on
    // requests, once the pipeline below exists.
    const limits = { messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE, messagesPerAddressPerMinute: config.WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE, sessionsPerMinute: config.WEBCHAT_SESSIONS_PER_MINUTE };
    const webchat = new WebchatAdapter({ store, ...limits, readAgreementTerm: (id) => readAgreementTerm(db, id), openSession: async (s) => {
        const linkedDebtorId = s.token ? ((await debtorOfChatLink(db, creditorId, linkKey, s.token, clock())) ?? undefined) : undefined;
        return pipeline.open({ channel: WEBCHAT, chatId: s.sessionId, locale: s.locale, clientAddress: s.clientAddress, linkedDebtorId });
      },
    });
    const channels = [webchat, ...adapters];
    const outbox = new OutboxSender({
      store,
      templatesFor: async (flowId, version) => withMissingKeys(await flows.templates(flowId, version), templates),
      channels: Object.fromEntries(channels.map((a) => [a.channel, a])),
      logger,
      gate: contactGate,
      phraser,
      pacer: opts.pacer,
      clock: opts.clock,
      leaseMs: config.LEASE_MS,
      onSent: (conversationId) => events.publish({ conversationId, kind: 'message' }),
      documents: agreementTermDocuments(db),
      dailyTemplateChats: config.WHATSAPP_PROVIDER === 'cloud' ? { whatsapp: config.WHATSAPP_DAILY_LIMIT } : {},
      windowTemplate: async (key) => (await currentSetting(db, creditorId, WHATSAPP_TEMPLATES)).templates[key as ProactiveTemplateKey],
    });
    const publish = (change: ConversationChange) => events.publish(change);
    const rules = () => rulesCache.get();
    const pipeline: TurnPipeline = new TurnPipeline({
      store,
      flows,
      creditor: creditorFacts(creditor),
      outbox,
      logger,
      flowId: published.flowId,
      defaultTimeZone: config.TZ_DEFAULT,
      clock: opts.clock,
      rules,
      onChange: publish,
    });
    const desk = new HandoffDesk({ db, conversations: store, creditorId, dispatch: (id, event) => pipeline.dispatch(id, event), flush: (id) => outbox.flush(id), publish, clock });
    const retention = { days: config.RETENTION_DAYS, unverifiedWebchatHours: config.WEBCHAT_UNVERIFIED_RETENTION_HOURS, dataDir: config.DATA_DIR };
    const auditCheckpoint = { key: auditCheckpointKey, everyMs: config.AUDIT_CHECKPOINT_INTERVAL_MS };
    const chores = new ChoreScheduler({ db, conversations: store, creditorId, pipeline, outbox, desk, rules, publish, retention, auditCheckpoint, leaseMs: config.LEASE_MS, intervalMs: config.JOBS_INTERVAL_MS, clock, logger });
    await chores.recoverAtStart();
    // On the embedded database this process is the only one, so it leads every connection.
    const leaderLock = database.kind === 'postgresql' && config.DATABASE_URL ? new PgLeaderLock(config.DATABASE_URL) : new AlwaysLeader();
    const running = startChannels({
      adapters: channels,
      onMessage: pipelineHandler(pipeline),
      // A platform's delivery report, on the message's row; the agents' view follows it live.
      onReceipt: async (r) => {
        const changed = await store.recordReceipt(r);
        if (changed) publish({ conversationId: changed.conversationId, kind: 'message' });
      },
      leaderLock,
      creditorId,
      retryMs: config.CHANNEL_LOCK_RETRY_MS,
      dataDir: config.DATA_DIR,
      logger,
    });

    const adminToken = resolveAdminToken(config, logger);
    const server = await buildServer(logger, { trustProxy: config.TRUST_PROXY });
    const sendNotices = noticeSender({
      db,
      creditor,
      adapters,
      flows,
      flowId: published.flowId,
      timeZone: config.TZ_DEFAULT,
      outbox,
      logger,
      channelOrder: async () => (await currentSetting(db, creditorId, CHANNEL_ORDER)).order,
      linkDays: config.MAIL_LINK_DAYS,
      whatsappTemplateMapped: async (key) => !!(await currentSetting(db, creditorId, WHATSAPP_TEMPLATES)).templates[key as ProactiveTemplateKey],
    });
    await registerRoutes(server, { config, db, creditorId, adminToken, auditCheckpointKey, clock, channels, flows, pipeline, desk, events, rulesCache, contactGate, sendNotices, conversations: store, flushOutbox: (id) => outbox.flush(id) });
    chores.start();

    return {
      server,
      pipeline,
      adapters,
      store,
      database,
      adminToken,
      chores: () => chores.tick(),
      async close() {
        chores.stop();
        await running.stop();
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
