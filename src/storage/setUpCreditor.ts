import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { normalizeCnpj } from '../domain/cnpj.js';
import type { FlowCatalog } from '../engine/flowCatalog.js';
import type { TemplateSet } from '../phrasing/templates.js';
import { DEFAULT_CREDITOR_ID, upsertCreditor, type CreditorRow } from './creditorRepository.js';
import type { Database } from './database.js';
import { seedDemo } from './seedDemo.js';

export const DEFAULT_FLOW_FILE = new URL('../../flows/negotiation.json', import.meta.url);

export interface SetUpCreditorOptions {
  database: Database;
  flows: FlowCatalog;
  templates: TemplateSet;
  config: Pick<Config, 'CREDITOR_NAME' | 'CREDITOR_CNPJ' | 'CREDITOR_PIX_KEY' | 'CREDITOR_PIX_CITY' | 'DEMO_DATA'>;
  logger: Logger;
}

/**
 * At start: the creditor as configured, the demo debtor when DEMO_DATA asks for it, and the
 * default flow published (a new version only when its files changed). Replicas starting together
 * do this one at a time, so the same flow version is published once.
 */
export function setUpCreditor({ database, flows, templates, config, logger }: SetUpCreditorOptions): Promise<{ creditor: CreditorRow; published: { flowId: string; version: number } }> {
  const db = database.prisma;
  return database.exclusive(async () => {
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
}
