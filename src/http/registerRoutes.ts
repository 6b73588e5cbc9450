import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter } from '../channels/channelPort.js';
import type { Config } from '../config/config.js';
import type { FlowCatalog } from '../engine/flowCatalog.js';
import type { TurnPipeline } from '../engine/turnPipeline.js';
import type { ConsoleEvents } from '../handoff/consoleEvents.js';
import type { HandoffDesk } from '../handoff/handoffDesk.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import type { Db, Tx } from '../storage/database.js';
import { registerAccountRoutes } from './accountRoutes.js';
import { registerAdminPage } from './adminPage.js';
import { registerAdminRoutes, type AdminDeps } from './adminRoutes.js';
import { registerAgentRoutes } from './agentRoutes.js';
import { registerAgreementActionRoutes } from './agreementActionRoutes.js';
import { registerAgreementRoutes } from './agreementRoutes.js';
import { registerAgreementTermRoutes } from './agreementTermRoutes.js';
import { registerAuditRoutes } from './auditRoutes.js';
import { registerConsolePage } from './consolePage.js';
import { registerContactPolicyRoutes } from './contactPolicyRoutes.js';
import { registerReminderSettingsRoutes } from './reminderSettingsRoutes.js';
import { registerEscalationRulesRoutes } from './escalationRulesRoutes.js';
import { registerFlowRoutes } from './flowRoutes.js';
import { registerHealthRoutes } from './healthRoutes.js';
import { registerIdentityLockRoutes } from './identityLockRoutes.js';
import { registerKpiRoutes } from './kpiRoutes.js';
import { registerLoadShedding } from './loadShedding.js';
import { registerPolicyBucketsRoutes } from './policyBucketsRoutes.js';
import { registerWhatsAppTemplateRoutes } from './whatsappTemplateRoutes.js';
import { registerChannelPreferenceRoutes } from './channelPreferenceRoutes.js';
import { registerPaymentRoutes } from './paymentRoutes.js';
import { registerPortfolioRoutes } from './portfolioRoutes.js';
import { registerPrivacyRoutes } from './privacyRoutes.js';
import { registerReportRoutes } from './reportRoutes.js';
import { registerUserAdminRoutes } from './userAdminRoutes.js';
import { registerWebchatPage } from './webchatPage.js';

export interface RoutesDeps {
  config: Pick<Config, 'MAX_REQUESTS_IN_FLIGHT' | 'MAX_EVENT_LOOP_DELAY_MS' | 'DATA_DIR' | 'PIX_WEBHOOK_SECRET' | 'TZ_DEFAULT'>;
  db: Db;
  creditorId: string;
  adminToken: string;
  /** AUDIT_CHECKPOINT_SECRET: the audit verification checks the checkpoints' signatures with it. */
  auditCheckpointKey: string;
  clock: () => Date;
  /** The running channels: those that receive over HTTP (web chat, Telegram's webhook) add their routes. */
  channels: readonly ChannelAdapter[];
  flows: FlowCatalog;
  pipeline: TurnPipeline;
  desk: HandoffDesk;
  events: ConsoleEvents;
  /** Told when the admin changes the escalation rules or the contact policy (their caches are dropped). */
  rulesCache: { invalidate(): void };
  contactGate: { invalidate(): void };
  sendNotices: AdminDeps['sendNotices'];
  /** Writes rows to a conversation (a payment's receipt) inside a transaction. */
  conversations: ConversationWrites<Tx>;
  /** Sends what is pending for a conversation (a receipt just queued). */
  flushOutbox: (conversationId: string) => Promise<void>;
}

/** Every route and page of the server, in the order their hooks need. */
export async function registerRoutes(server: FastifyInstance, d: RoutesDeps): Promise<void> {
  const { db, creditorId, adminToken, clock } = d;
  // Before every route: its hooks must see them all.
  await registerLoadShedding(server, { maxInFlight: d.config.MAX_REQUESTS_IN_FLIGHT, maxEventLoopDelayMs: d.config.MAX_EVENT_LOOP_DELAY_MS });
  registerHealthRoutes(server);
  registerWebchatPage(server);
  for (const channel of d.channels) channel.registerRoutes?.(server);
  registerAdminRoutes(server, { db, creditorId, adminToken, sendNotices: d.sendNotices, whatsapp: d.channels.find((c) => c.pairing)?.pairing });
  registerPortfolioRoutes(server, { db, creditorId, adminToken });
  registerAccountRoutes(server, { db, adminToken, clock });
  registerUserAdminRoutes(server, { db, adminToken, clock });
  registerEscalationRulesRoutes(server, { db, creditorId, adminToken, onChange: () => d.rulesCache.invalidate() });
  registerContactPolicyRoutes(server, { db, creditorId, adminToken, onChange: () => d.contactGate.invalidate() });
  registerAgentRoutes(server, { db, creditorId, desk: d.desk, events: d.events, clock });
  registerFlowRoutes(server, { db, flows: d.flows, pipeline: d.pipeline, adminToken });
  registerPolicyBucketsRoutes(server, { db, creditorId, adminToken });
  registerWhatsAppTemplateRoutes(server, { db, creditorId, adminToken });
  registerChannelPreferenceRoutes(server, { db, creditorId, adminToken });
  registerReminderSettingsRoutes(server, { db, creditorId, adminToken });
  registerAuditRoutes(server, { db, adminToken, checkpointKey: d.auditCheckpointKey, clock });
  registerAgreementRoutes(server, { db, creditorId, adminToken, clock });
  registerKpiRoutes(server, { db, creditorId, adminToken, clock, timeZone: d.config.TZ_DEFAULT });
  registerAgreementActionRoutes(server, { db, creditorId, adminToken, clock });
  registerAgreementTermRoutes(server, { db, creditorId, adminToken, clock });
  registerIdentityLockRoutes(server, { db, creditorId, adminToken, clock });
  registerPrivacyRoutes(server, { db, adminToken, dataDir: d.config.DATA_DIR, clock });
  registerPaymentRoutes(server, { db, creditorId, adminToken, clock, webhookSecret: d.config.PIX_WEBHOOK_SECRET, timeZone: d.config.TZ_DEFAULT, conversations: d.conversations, flushOutbox: d.flushOutbox });
  registerReportRoutes(server, { db, creditorId, adminToken, clock, timeZone: d.config.TZ_DEFAULT });
  registerConsolePage(server);
  registerAdminPage(server);
}
