import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FlowValidationError, type FlowCatalog } from '../engine/flowCatalog.js';
import { flowToMermaid } from '../engine/flowDiagram.js';
import { flowGraph } from '../engine/flowGraph.js';
import { inLocales } from '../language/inLocales.js';
import { LOCALES } from '../language/locale.js';
import { checkTemplate } from '../phrasing/checkTemplate.js';
import type { TemplateSet } from '../phrasing/templates.js';
import { diffFlows } from '../engine/flowDiff.js';
import type { FlowDefinition } from '../engine/flowSchema.js';
import { parseFlowText, type LocatedIssue } from '../engine/flowSourceLines.js';
import { registryVocabulary } from '../engine/registryVocabulary.js';
import type { TurnPipeline } from '../engine/turnPipeline.js';
import type { Db } from '../storage/database.js';
import { deleteFlowDraft, getFlowDraft, saveFlowDraft } from '../storage/flowDraftRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';
import { WEBCHAT } from '../channels/webchat/webchatRoutes.js';

const DraftBody = z
  .object({
    definitionText: z.string().max(1_000_000),
    templates: z.unknown(),
  })
  .strict();
const PublishBody = z.union([
  z.object({ from: z.literal('draft'), note: z.string().max(500).optional() }).strict(),
  z.object({ fromVersion: z.number().int().min(1), note: z.string().max(500).optional() }).strict(),
]);
const SimulateBody = z.object({ locale: z.enum(['pt-BR', 'en']).optional() }).strict();
// The text may be longer than a template may be (checkTemplate says so as a problem), but bounded:
// the guardrails run on every keystroke's pause.
const TemplateCheckBody = z
  .object({
    locale: z.enum(['pt-BR', 'en']),
    key: z.string().min(1).max(200),
    text: z.string().max(20_000, 'at most 20000 characters'),
  })
  .strict();

export interface FlowRoutesDeps {
  db: Db;
  flows: FlowCatalog;
  pipeline: TurnPipeline;
  adminToken: string;
}

/** A flow's readable diagram in each of the console's languages (src/engine/flowGraph.ts). */
const graphByLocale = (def: FlowDefinition, templates: TemplateSet) => Object.fromEntries(LOCALES.map((l) => [l, flowGraph(def, templates, l)]));

const invalid = (errors: LocatedIssue[]) => new HttpError(422, 'invalid_flow', 'the flow or its templates are not valid', { errors });

/** Flows and their templates for admins: view, draft, simulate, publish, compare, roll back. */
export function registerFlowRoutes(app: FastifyInstance, deps: FlowRoutesDeps) {
  const { db, flows } = deps;
  // The registry is fixed for the life of the process.
  const vocabulary = registryVocabulary();

  const flowIdOf = async (req: FastifyRequest) => {
    const { flowId } = req.params as { flowId: string };
    if (!(await flows.flowIds()).includes(flowId)) throw new HttpError(404, 'not_found', `no flow "${flowId}"`);
    return flowId;
  };
  const versionOf = async (flowId: string, v: string | number) => {
    const rec = await flows.version(flowId, Number(v));
    if (!rec) throw new HttpError(404, 'not_found', `flow "${flowId}" has no version ${v}`);
    return { ...rec, templates: await flows.templates(flowId, rec.version) };
  };

  /** Parses and validates a draft; 422 with every issue at its line. */
  const checkDraft = (flowId: string, definitionText: string, templates: unknown) => {
    const parsed = parseFlowText(definitionText);
    if (!parsed.ok) throw invalid(parsed.errors);
    const v = flows.validate(parsed.value, templates);
    const issues = v.ok ? [] : parsed.locate(v.issues);
    if (v.ok && v.flow.id !== flowId) issues.push(...parsed.locate([{ path: 'id', message: `must stay "${flowId}" (a new flow id would be a new flow)`, messages: inLocales(`must stay "${flowId}" (a new flow id would be a new flow)`, `deve continuar "${flowId}" (outro id seria outro fluxo)`) }]));
    if (issues.length || !v.ok) throw invalid(issues);
    return v;
  };

  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    admin.get('/api/admin/flows', async () => {
      const ids = await flows.flowIds();
      const list = await Promise.all(
        ids.map(async (flowId) => {
          const versions = await flows.versions(flowId);
          const draft = await getFlowDraft(db, flowId);
          return { flowId, publishedVersion: versions[0]?.version ?? null, versions: versions.length, draft: !!draft, updatedAt: (draft?.updatedAt ?? versions[0]?.createdAt)?.toISOString() ?? null };
        }),
      );
      return { flows: list };
    });

    // The events, conditions and actions a flow may use, with their params' schemas and their
    // words in both locales: what the editor's pickers and the diagram's labels are made of.
    admin.get('/api/admin/flows/vocabulary', async () => vocabulary);

    // One template as publishing would judge it, for the editor's live preview: rendered with the
    // sample facts, and every problem. No allowedLinks, as flows.validate passes none.
    admin.post('/api/admin/flows/templates/check', async (req) => {
      const body = parseBody(TemplateCheckBody, req.body);
      const { rendered, problems, messages } = checkTemplate(body.locale, body.key, body.text);
      return { rendered, ok: problems.length === 0, problems, messages };
    });

    admin.get('/api/admin/flows/:flowId', async (req) => {
      const flowId = await flowIdOf(req);
      const versions = await flows.versions(flowId);
      const draft = await getFlowDraft(db, flowId);
      return {
        flowId,
        publishedVersion: versions[0]?.version ?? null,
        versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, note: v.note })),
        draft: draft ? { definitionText: draft.definitionText, templates: draft.templates, updatedAt: draft.updatedAt.toISOString(), updatedBy: draft.updatedBy } : null,
      };
    });

    admin.get('/api/admin/flows/:flowId/versions/:version', async (req) => {
      const flowId = await flowIdOf(req);
      const rec = await versionOf(flowId, (req.params as { version: string }).version);
      return {
        flowId,
        version: rec.version,
        definition: rec.definition,
        definitionText: `${JSON.stringify(rec.definition, null, 2)}\n`,
        templates: rec.templates,
        diagram: flowToMermaid(rec.definition as FlowDefinition),
        // The readable diagram's content, in each locale (src/engine/flowGraph.ts): cards, arrows in words, a legend.
        graph: graphByLocale(rec.definition as FlowDefinition, rec.templates as TemplateSet),
        createdAt: rec.createdAt.toISOString(),
        createdBy: rec.createdBy,
        note: rec.note,
      };
    });

    admin.put('/api/admin/flows/:flowId/draft', async (req) => {
      const flowId = await flowIdOf(req);
      const body = parseBody(DraftBody, req.body);
      const v = checkDraft(flowId, body.definitionText, body.templates);
      const draft = await saveFlowDraft(db, flowId, { definitionText: body.definitionText, templates: v.templates }, adminActor(req));
      // The saved draft's diagram, as a version's: `graph` is what the console draws; `diagram` (mermaid source) stays for API clients.
      return {
        draft: { definitionText: draft.definitionText, templates: draft.templates, updatedAt: draft.updatedAt.toISOString(), updatedBy: draft.updatedBy },
        diagram: flowToMermaid(v.flow),
        graph: graphByLocale(v.flow, v.templates),
      };
    });

    admin.delete('/api/admin/flows/:flowId/draft', async (req, reply) => {
      await deleteFlowDraft(db, await flowIdOf(req), adminActor(req));
      return reply.status(204).send();
    });

    // A web chat session on the draft, driven with the public web chat API; it never reaches the
    // agents' queue nor creates a real agreement (Conversation.simulation).
    admin.post('/api/admin/flows/:flowId/draft/simulate', async (req, reply) => {
      const flowId = await flowIdOf(req);
      const body = parseBody(SimulateBody, req.body);
      const draft = await getFlowDraft(db, flowId);
      if (!draft) throw new HttpError(409, 'no_draft', 'save a draft first');
      const v = checkDraft(flowId, draft.definitionText, draft.templates);
      const pinned = await flows.publishSimulation(v.flow, v.templates, adminActor(req));
      const sessionId = randomUUID();
      const { replies } = await deps.pipeline.open({ channel: WEBCHAT, chatId: sessionId, locale: body.locale ?? 'pt-BR', simulation: { flowId: pinned.flowId, flowVersion: pinned.version } });
      return reply.status(201).send({ sessionId, replies: replies.map((r) => ({ seq: r.seq, from: r.from, text: r.text, options: r.options, key: r.key, facts: r.facts })) });
    });

    admin.post('/api/admin/flows/:flowId/publish', async (req, reply) => {
      const flowId = await flowIdOf(req);
      const body = parseBody(PublishBody, req.body);
      let definition: unknown;
      let templates: unknown;
      let note = body.note;
      if ('from' in body) {
        const draft = await getFlowDraft(db, flowId);
        if (!draft) throw new HttpError(409, 'no_draft', 'there is no draft to publish');
        const v = checkDraft(flowId, draft.definitionText, draft.templates);
        definition = v.flow;
        templates = v.templates;
      } else {
        // Rolling back publishes an old version's content again: history is never rewritten.
        const rec = await versionOf(flowId, body.fromVersion);
        definition = rec.definition;
        templates = rec.templates;
        note ??= `roll back to version ${rec.version}`;
      }
      try {
        const published = await flows.publish(definition, templates, adminActor(req), note);
        if ('from' in body && published.created) await deleteFlowDraft(db, flowId, adminActor(req));
        return reply.status(published.created ? 201 : 200).send({ version: published.version, created: published.created });
      } catch (err) {
        // An old version may use a name this code no longer has.
        if (err instanceof FlowValidationError) throw invalid(err.issues.map((i) => ({ ...i, line: null, column: null })));
        throw err;
      }
    });

    admin.get('/api/admin/flows/:flowId/diff', async (req) => {
      const flowId = await flowIdOf(req);
      const q = req.query as { from?: string; to?: string };
      if (!q.from || !q.to) throw new HttpError(400, 'bad_request', 'give ?from=<version>&to=<version|draft>');
      const a = await versionOf(flowId, q.from);
      let b: { definition: unknown; templates: typeof a.templates };
      if (q.to === 'draft') {
        const draft = await getFlowDraft(db, flowId);
        if (!draft) throw new HttpError(404, 'not_found', 'there is no draft');
        const parsed = parseFlowText(draft.definitionText);
        b = { definition: parsed.ok ? parsed.value : draft.definitionText, templates: draft.templates };
      } else {
        b = await versionOf(flowId, q.to);
      }
      return { from: a.version, to: q.to === 'draft' ? 'draft' : Number(q.to), ...diffFlows(a, b) };
    });
  });
}
