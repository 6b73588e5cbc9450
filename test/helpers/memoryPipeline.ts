import { readFileSync } from 'node:fs';
import { createLogger } from '../../src/config/logger.js';
import { FlowCatalog } from '../../src/engine/flowCatalog.js';
import { TurnPipeline } from '../../src/engine/turnPipeline.js';
import { OutboxSender } from '../../src/jobs/outboxSender.js';
import { Pacer } from '../../src/jobs/pacer.js';
import type { ContactGate } from '../../src/jobs/proactiveGate.js';
import { loadTemplates } from '../../src/phrasing/templates.js';
import { DEFAULT_CREDITOR_ID, creditorFacts, type CreditorRow } from '../../src/storage/creditorRepository.js';
import { MemoryBook } from '../../src/storage/memory/memoryBook.js';
import { MemoryConversationStore } from '../../src/storage/memory/memoryConversationStore.js';
import { memoryFlowVersionStore } from '../../src/storage/memory/memoryFlowVersionStore.js';
import { DEMO } from '../../src/storage/seedDemo.js';

const CREDITOR: CreditorRow = {
  id: DEFAULT_CREDITOR_ID,
  name: 'Credora Ltda',
  cnpj: '11222333000181',
  pixKey: 'pix@credora.com.br',
  pixMerchantName: 'Credora Ltda',
  pixCity: 'SAO PAULO',
  lateFeeBasisPoints: 200,
  monthlyInterestBasisPoints: 100,
};

/** Every proactive row may go (the contact policy is the database's; these tests send replies). */
const OPEN_GATE: ContactGate = { decide: async () => ({ send: true }), recordSent: async () => {}, release: () => {} };

/**
 * The turn pipeline as the app wires it, on the in-memory ports: the default flow published from
 * flows/negotiation.json, the outbox sending to a channel that accepts everything, and the demo
 * debtor of src/storage/seedDemo.ts on the books.
 */
export async function memoryPipeline(opts: { clock?: () => Date } = {}) {
  const book = new MemoryBook(CREDITOR);
  book.addDebtor({
    cnpj: DEMO.cnpj,
    companyName: DEMO.companyName,
    invoices: [
      { number: DEMO.invoice, amountCents: 1_250_000, dueDate: '2026-09-10', status: 'open' },
      { number: 'NF-1002', amountCents: 348_050, dueDate: '2026-10-10', status: 'open' },
    ],
    contacts: [{ id: 'demo-contact', name: 'Marina Souza', phone: '+5511987654321' }],
  });
  const store = new MemoryConversationStore(book);
  const templates = loadTemplates();
  const versions = memoryFlowVersionStore();
  const flows = new FlowCatalog(versions, templates);
  const flowDef = JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8')) as unknown;
  const published = await flows.publishFiles(flowDef, templates, 'system:flows/negotiation.json');
  const logger = createLogger('silent');
  const accept = { send: async () => ({ messageId: 'sent' }) };
  const outbox = new OutboxSender({
    store,
    templatesFor: (flowId, version) => flows.templates(flowId, version),
    channels: { webchat: accept, telegram: accept, whatsapp: accept },
    logger,
    gate: OPEN_GATE,
    pacer: new Pacer({}),
    clock: opts.clock,
  });
  const pipeline = new TurnPipeline({ store, flows, creditor: creditorFacts(CREDITOR), outbox, logger, flowId: published.flowId, defaultTimeZone: 'America/Sao_Paulo', clock: opts.clock });
  return { pipeline, store, book, flows, versions };
}
