import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlowCatalog, FlowValidationError } from '../../src/engine/flowCatalog.js';
import { loadTemplates } from '../../src/phrasing/templates.js';
import { memoryPipeline } from '../helpers/memoryPipeline.js';

const flowJson = JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8'));

describe('flow versions', () => {
  // The pipeline on the in-memory ports, its flows in an in-memory version store.
  let m: Awaited<ReturnType<typeof memoryPipeline>>;
  beforeAll(async () => {
    m = await memoryPipeline();
  });

  it('keeps a conversation on the version it started with while new ones take the new version', async () => {
    const { pipeline, store, versions } = m;
    const old = await pipeline.open({ channel: 'webchat', chatId: 'pinned-old' });
    const oldConv = await store.get(old.conversationId);

    // Publish a changed flow: the welcome moves to a different template.
    const changed = structuredClone(flowJson);
    // START's last branch is the one without a sender phone or a signed link (the web chat).
    changed.states.start.on.START.at(-1).actions[0].params = { key: 'identify.askCnpjAgain' };
    const catalog = new FlowCatalog(versions, loadTemplates());
    const published = await catalog.publish(changed, loadTemplates(), 'test');
    expect(published).toMatchObject({ created: true, version: oldConv!.flowVersion + 1 });
    // Publishing the same definition again creates nothing.
    expect(await catalog.publish(changed, loadTemplates(), 'test')).toMatchObject({ created: false, version: published.version });

    const fresh = await pipeline.open({ channel: 'webchat', chatId: 'pinned-new' });
    expect(fresh.replies.map((r) => r.key)).toEqual(['identify.askCnpjAgain']);
    expect((await store.get(fresh.conversationId))!.flowVersion).toBe(published.version);

    // The old conversation goes on with its own version's behaviour.
    const r = await pipeline.handle({ channel: 'webchat', chatId: 'pinned-old', channelMessageId: 'p1', text: '11.444.777/0001-61' });
    expect(r.replies.map((x) => x.key)).toEqual(['identify.askSecondFactor']);
    expect((await store.get(old.conversationId))!.flowVersion).toBe(oldConv!.flowVersion);
    expect(old.replies.map((x) => x.key)).toEqual(['welcome']);
  });

  it('refuses to publish an invalid flow and says why', async () => {
    const catalog = new FlowCatalog(m.versions, loadTemplates());
    const bad = structuredClone(flowJson);
    bad.states.askCnpj.on.TEXT[0].actions.push({ type: 'transferFunds' });
    const err = await catalog.publish(bad, loadTemplates(), 'test').catch((e) => e);
    expect(err).toBeInstanceOf(FlowValidationError);
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'states.askCnpj.on.TEXT[0].actions[2]', message: 'unknown action "transferFunds"' }));
  });

  it('publishes the files at start only when they changed, so an admin’s edits survive a restart', async () => {
    const catalog = new FlowCatalog(m.versions, loadTemplates());
    const files = loadTemplates();
    const at = await catalog.publishFiles(flowJson, files, 'system:test-files');
    const edited = structuredClone(files);
    edited['pt-BR'].welcome = `${files['pt-BR'].welcome} Obrigado pelo contato.`;
    const admin = await catalog.publish(flowJson, edited, 'user:admin');
    expect(admin).toMatchObject({ created: true, version: at.version + 1 });
    // A restart with the same files: nothing published, the admin's version stays live.
    expect(await catalog.publishFiles(flowJson, files, 'system:test-files')).toEqual({ flowId: 'negotiation', version: admin.version, created: false });
    expect((await catalog.templates('negotiation', admin.version))['pt-BR'].welcome).toBe(edited['pt-BR'].welcome);
    // A deploy that changes the files publishes them.
    const deployed = structuredClone(files);
    deployed.en.welcome = `${files.en.welcome} Thanks for writing.`;
    expect(await catalog.publishFiles(flowJson, deployed, 'system:test-files')).toMatchObject({ created: true, version: admin.version + 1 });
  });
});
