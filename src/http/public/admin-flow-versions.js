// Flows: the list, one flow with its versions (published marked, roll back) and the diagram of a
// version or of the saved draft, in the console's language.
import { $, actorName, api, busy, confirmDialog, dateTime, enc, errorText, guard, h, showError, state, str, t } from '/admin-core.js';
import { clearFlowGraph, drawFlowGraph } from '/admin-flow-graph.js';
import { renderDiffSelects } from '/admin-flow-diff.js';
import { loadEditor, renderDraftStatus, rollback } from '/admin-flow-draft.js';
import { editor, els, flowPath, s, sim } from '/admin-flow-state.js';

export async function loadFlows() {
  const epoch = s.epoch;
  const res = await api('GET', '/api/admin/flows');
  if (epoch !== s.epoch) return false;
  if (!res.ok || !res.body || !Array.isArray(res.body.flows)) { showError(errorText(res)); return false; }
  s.flows = res.body.flows.filter((f) => f && typeof f.flowId === 'string');
  renderFlows();
  return true;
}

export function renderFlows() {
  els.list.textContent = '';
  for (const f of s.flows || []) {
    const meta = [];
    if (Number.isInteger(f.publishedVersion)) meta.push(t('publishedV', f.publishedVersion));
    if (Number.isInteger(f.versions)) meta.push(t('nVersions', f.versions));
    if (f.updatedAt) meta.push(dateTime(f.updatedAt));
    const b = h('button', { type: 'button', class: 'pick', 'data-testid': 'flow-item', 'data-flow-id': f.flowId, 'aria-current': f.flowId === s.flowId ? 'true' : null },
      h('span', { class: 'line-1' }, f.flowId, f.draft ? ' ' : null, f.draft ? h('span', { class: 'badge warn', text: t('hasDraft') }) : null),
      h('span', { class: 'line-2', text: meta.join(' · ') }));
    b.addEventListener('click', () => { location.hash = `#flows/${enc(f.flowId)}`; });
    els.list.append(h('li', null, b));
  }
  els.listEmpty.hidden = !!(s.flows && s.flows.length);
}

export async function selectFlow(id) {
  const epoch = s.epoch;
  const changing = id !== s.flowId;
  if (changing && editor.dirty() && s.editorFlow && s.editorFlow !== id) {
    const { ok } = await confirmDialog({ text: t('confirmLeaveDraft'), ok: t('leaveDraft'), danger: true });
    if (!ok) { history.replaceState(null, '', `#flows/${enc(s.editorFlow)}`); return; }
  }
  s.flowId = id;
  if (changing) {
    s.versions.clear();
    s.shown = null;
    s.draftDiagram = null;
    s.diff = null;
    els.diffResult.textContent = '';
    delete els.diffFrom.dataset.touched;
    delete els.diffTo.dataset.touched;
    sim.stop();
  }
  renderFlows();
  const res = await api('GET', flowPath());
  if (epoch !== s.epoch || id !== s.flowId) return;
  if (!res.ok || !res.body) {
    showFlowView(false);
    showError(errorText(res));
    return;
  }
  s.flow = res.body;
  showFlowView(true);
  renderFlowHead();
  renderVersions();
  renderDiffSelects();
  if (!(editor.dirty() && s.editorFlow === id)) await loadEditor();
  renderDraftStatus();
  if (s.shown === null || changing) {
    if (Number.isInteger(s.flow.publishedVersion)) await showVersion(s.flow.publishedVersion);
    else clearFlowGraph(els.diagram);
  }
}

/** Shows or hides what belongs to the open flow: its diagram, its versions and its draft. */
export function showFlowView(visible) {
  $('flow-diagram-card').hidden = !visible;
  els.view.hidden = !visible;
  els.versionsCard.hidden = !visible;
}

export function versionsOf(flow) {
  return Array.isArray(flow && flow.versions) ? flow.versions.filter((v) => v && Number.isInteger(v.version)).sort((a, b) => b.version - a.version) : [];
}

export function renderFlowHead() {
  const f = s.flow;
  els.title.textContent = str(f.flowId) || s.flowId;
  els.meta.textContent = Number.isInteger(f.publishedVersion) ? t('publishedV', f.publishedVersion) : t('notPublished');
}

export function renderVersions() {
  els.versions.textContent = '';
  for (const v of versionsOf(s.flow)) {
    const published = v.version === s.flow.publishedVersion;
    const open = h('button', { type: 'button', class: 'pick', 'aria-current': s.shown === v.version ? 'true' : null },
      h('span', { class: 'line-1' }, t('versionN', v.version), published ? ' ' : null, published ? h('span', { class: 'badge', 'data-testid': 'published-badge', text: t('published') }) : null),
      h('span', { class: 'line-2', text: [dateTime(v.createdAt), actorName(v.createdBy)].filter(Boolean).join(' · ') }),
      str(v.note) ? h('span', { class: 'line-2 note', text: v.note }) : null);
    open.addEventListener('click', () => {
      // The diagram is above the list: bring it into view with the version it now shows.
      void guard(async () => { await showVersion(v.version); $('flow-diagram-card').scrollIntoView({ block: 'start', behavior: 'smooth' }); });
    });
    const li = h('li', { 'data-testid': 'version-item', 'data-version': v.version, 'data-published': String(published) }, open);
    if (!published) {
      const back = h('button', { type: 'button', class: 'btn small', 'data-testid': 'rollback', text: t('rollbackTo', v.version) });
      back.addEventListener('click', () => { void busy(back, () => rollback(v.version)); });
      li.append(h('div', { class: 'pick-actions' }, back));
    }
    els.versions.append(li);
  }
}

export async function versionDetail(n) {
  if (s.versions.has(n)) return s.versions.get(n);
  const epoch = s.epoch;
  const id = s.flowId;
  const res = await api('GET', flowPath(`/versions/${n}`));
  if (epoch !== s.epoch || id !== s.flowId) return null;
  if (!res.ok || !res.body) { showError(errorText(res)); return null; }
  s.versions.set(n, res.body);
  return res.body;
}

export async function showVersion(n) {
  const id = s.flowId;
  const v = await versionDetail(n);
  if (!v || id !== s.flowId) return;
  s.shown = n;
  renderVersions();
  renderCaption();
  els.definition.textContent = str(v.definitionText);
  els.definitionBox.hidden = !str(v.definitionText);
  await draw(v.graph);
}

/** Shows the saved draft's diagram: `graph` is the save's answer's graph by locale. */
export async function showDraftDiagram(graph) {
  s.shown = 'draft';
  s.draftDiagram = graph;
  renderVersions();
  renderCaption();
  els.definitionBox.hidden = true;
  await draw(graph);
}

/** Draws what is shown again, in the console's language now (after a change of language). */
export async function redrawDiagram() {
  if (s.shown === 'draft') await draw(s.draftDiagram);
  else if (Number.isInteger(s.shown) && s.versions.has(s.shown)) await draw(s.versions.get(s.shown).graph);
}

export function renderCaption() {
  els.diagramCaption.textContent = s.shown === 'draft' ? t('diagramOfDraft') : Number.isInteger(s.shown) ? t('diagramOfVersion', s.shown) : '';
}

/** @param {Record<string, import('/admin-flow-graph.js').FlowGraph> | null | undefined} byLocale */
async function draw(byLocale) {
  els.diagramError.hidden = true;
  const graph = byLocale && (byLocale[state.locale] || byLocale['pt-BR']);
  if (!graph || !Array.isArray(graph.nodes) || !graph.nodes.length) { clearFlowGraph(els.diagram); return; }
  try {
    await drawFlowGraph(els.diagram, graph, { tools: $('diagram-tools') });
  } catch (err) {
    els.diagramError.textContent = t('diagramFailed', str(err && /** @type {{ message?: unknown }} */ (err).message).split('\n')[0]);
    els.diagramError.hidden = false;
  }
}
