// Flows: the list, one flow's versions (published marked, roll back), the diagram of a version or
// of the saved draft, the draft editor (admin-flow-editor.js), the simulator (admin-simulator.js),
// publishing and comparing two versions.
import {
  $, actorName, api, busy, clearError, confirmDialog, dateTime, enc, errorText, errorsOf, guard, h, showError, showNotice, state, str, t,
} from '/admin-core.js';
import { clearDiagram, drawDiagram } from '/admin-diagram.js';
import { createFlowEditor } from '/admin-flow-editor.js';
import { createSimulator } from '/admin-simulator.js';

// Unchanged lines shown around each change in a comparison; longer unchanged runs fold.
const DIFF_CONTEXT = 3;

const els = {
  list: $('flow-list'), listEmpty: $('flow-list-empty'), versionsCard: $('versions-card'), versions: $('version-list'),
  view: $('flow-view'), title: $('flow-title'), meta: $('flow-meta'),
  diagram: $('diagram'), diagramCaption: $('diagram-caption'), diagramError: $('diagram-error'),
  definitionBox: $('version-definition-box'), definition: $('version-definition'),
  draftStatus: $('draft-status'), save: /** @type {HTMLButtonElement} */ ($('draft-save')), simulate: /** @type {HTMLButtonElement} */ ($('simulate')), publish: /** @type {HTMLButtonElement} */ ($('publish')), discard: /** @type {HTMLButtonElement} */ ($('draft-discard')),
  diffForm: /** @type {HTMLFormElement} */ ($('diff-form')), diffFrom: /** @type {HTMLSelectElement} */ ($('diff-from')), diffTo: /** @type {HTMLSelectElement} */ ($('diff-to')), diffRun: /** @type {HTMLButtonElement} */ ($('diff-run')), diffResult: $('diff-result'),
  simRestart: /** @type {HTMLButtonElement} */ ($('sim-restart')),
};

const editor = createFlowEditor({
  textarea: /** @type {HTMLTextAreaElement} */ ($('draft-text')), gutter: $('draft-gutter'), rows: $('template-rows'), filter: /** @type {HTMLInputElement} */ ($('template-filter')), none: $('templates-none'),
  addForm: /** @type {HTMLFormElement} */ ($('template-add')), newKey: /** @type {HTMLInputElement} */ ($('template-new-key')), errorsBox: $('draft-errors-box'), errorsList: $('draft-errors'),
  onDirty: () => renderDraftStatus(),
});
const sim = createSimulator({
  card: $('sim-card'), log: $('sim-log'), form: /** @type {HTMLFormElement} */ ($('sim-form')), input: /** @type {HTMLInputElement} */ ($('sim-input')), send: /** @type {HTMLButtonElement} */ ($('sim-send')), locale: /** @type {HTMLSelectElement} */ ($('sim-locale')), close: /** @type {HTMLButtonElement} */ ($('sim-close')),
});

const s = {
  flows: null,
  flowId: null,
  flow: null,
  /** The flow whose draft (or published version, before any draft) the editor holds. */
  editorFlow: null,
  /** The version the editor started from when there was no draft yet. */
  editorBase: null,
  versions: new Map(),
  /** What the diagram shows: a version number or 'draft'. */
  shown: null,
  draftDiagram: null,
  diff: null,
  epoch: 0,
};

const flowPath = (suffix = '') => `/api/admin/flows/${enc(s.flowId)}${suffix}`;

// ---------- list ----------
async function loadFlows() {
  const epoch = s.epoch;
  const res = await api('GET', '/api/admin/flows');
  if (epoch !== s.epoch) return false;
  if (!res.ok || !res.body || !Array.isArray(res.body.flows)) { showError(errorText(res)); return false; }
  s.flows = res.body.flows.filter((f) => f && typeof f.flowId === 'string');
  renderFlows();
  return true;
}

function renderFlows() {
  const x = t();
  els.list.textContent = '';
  for (const f of s.flows || []) {
    const meta = [];
    if (Number.isInteger(f.publishedVersion)) meta.push(x.publishedV(f.publishedVersion));
    if (Number.isInteger(f.versions)) meta.push(x.nVersions(f.versions));
    if (f.updatedAt) meta.push(dateTime(f.updatedAt));
    const b = h('button', { type: 'button', class: 'pick', 'data-testid': 'flow-item', 'data-flow-id': f.flowId, 'aria-current': f.flowId === s.flowId ? 'true' : null },
      h('span', { class: 'line-1' }, f.flowId, f.draft ? ' ' : null, f.draft ? h('span', { class: 'badge warn', text: x.hasDraft }) : null),
      h('span', { class: 'line-2', text: meta.join(' · ') }));
    b.addEventListener('click', () => { location.hash = `#flows/${enc(f.flowId)}`; });
    els.list.append(h('li', null, b));
  }
  els.listEmpty.hidden = !!(s.flows && s.flows.length);
}

// ---------- one flow ----------
async function selectFlow(id) {
  const epoch = s.epoch;
  const changing = id !== s.flowId;
  if (changing && editor.dirty() && s.editorFlow && s.editorFlow !== id) {
    const { ok } = await confirmDialog({ text: t().confirmLeaveDraft, ok: t().leaveDraft, danger: true });
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
    els.view.hidden = true;
    els.versionsCard.hidden = true;
    showError(errorText(res));
    return;
  }
  s.flow = res.body;
  els.view.hidden = false;
  els.versionsCard.hidden = false;
  renderFlowHead();
  renderVersions();
  renderDiffSelects();
  if (!(editor.dirty() && s.editorFlow === id)) await loadEditor();
  renderDraftStatus();
  if (s.shown === null || changing) {
    if (Number.isInteger(s.flow.publishedVersion)) await showVersion(s.flow.publishedVersion);
    else clearDiagram(els.diagram);
  }
}

function versionsOf(flow) {
  return Array.isArray(flow && flow.versions) ? flow.versions.filter((v) => v && Number.isInteger(v.version)).sort((a, b) => b.version - a.version) : [];
}

function renderFlowHead() {
  const x = t();
  const f = s.flow;
  els.title.textContent = str(f.flowId) || s.flowId;
  els.meta.textContent = Number.isInteger(f.publishedVersion) ? x.publishedV(f.publishedVersion) : x.notPublished;
}

function renderVersions() {
  const x = t();
  els.versions.textContent = '';
  for (const v of versionsOf(s.flow)) {
    const published = v.version === s.flow.publishedVersion;
    const open = h('button', { type: 'button', class: 'pick', 'aria-current': s.shown === v.version ? 'true' : null },
      h('span', { class: 'line-1' }, x.versionN(v.version), published ? ' ' : null, published ? h('span', { class: 'badge', 'data-testid': 'published-badge', text: x.published }) : null),
      h('span', { class: 'line-2', text: [dateTime(v.createdAt), actorName(v.createdBy)].filter(Boolean).join(' · ') }),
      str(v.note) ? h('span', { class: 'line-2 note', text: v.note }) : null);
    open.addEventListener('click', () => { void guard(() => showVersion(v.version)); });
    const li = h('li', { 'data-testid': 'version-item', 'data-version': v.version, 'data-published': String(published) }, open);
    if (!published) {
      const back = h('button', { type: 'button', class: 'btn small', 'data-testid': 'rollback', text: x.rollbackTo(v.version) });
      back.addEventListener('click', () => { void busy(back, () => rollback(v.version)); });
      li.append(h('div', { class: 'pick-actions' }, back));
    }
    els.versions.append(li);
  }
}

async function versionDetail(n) {
  if (s.versions.has(n)) return s.versions.get(n);
  const epoch = s.epoch;
  const id = s.flowId;
  const res = await api('GET', flowPath(`/versions/${n}`));
  if (epoch !== s.epoch || id !== s.flowId) return null;
  if (!res.ok || !res.body) { showError(errorText(res)); return null; }
  s.versions.set(n, res.body);
  return res.body;
}

async function showVersion(n) {
  const id = s.flowId;
  const v = await versionDetail(n);
  if (!v || id !== s.flowId) return;
  s.shown = n;
  renderVersions();
  renderCaption();
  els.definition.textContent = str(v.definitionText);
  els.definitionBox.hidden = !str(v.definitionText);
  await draw(str(v.diagram));
}

async function showDraftDiagram(source) {
  s.shown = 'draft';
  s.draftDiagram = source;
  renderVersions();
  renderCaption();
  els.definitionBox.hidden = true;
  await draw(source);
}

function renderCaption() {
  const x = t();
  els.diagramCaption.textContent = s.shown === 'draft' ? x.diagramOfDraft : Number.isInteger(s.shown) ? x.diagramOfVersion(s.shown) : '';
}

async function draw(source) {
  els.diagramError.hidden = true;
  if (!source) { clearDiagram(els.diagram); return; }
  try {
    await drawDiagram(els.diagram, source);
  } catch (err) {
    els.diagramError.textContent = t().diagramFailed(str(err && err.message).split('\n')[0]);
    els.diagramError.hidden = false;
  }
}

// ---------- draft ----------
async function loadEditor() {
  const f = s.flow;
  if (f.draft) {
    editor.load(f.draft.definitionText, f.draft.templates);
    s.editorBase = null;
  } else if (Number.isInteger(f.publishedVersion)) {
    // No draft yet: the editor starts from the published version; saving creates the draft.
    const v = await versionDetail(f.publishedVersion);
    if (!v) return;
    editor.load(v.definitionText, v.templates);
    s.editorBase = f.publishedVersion;
  } else {
    editor.load('', {});
    s.editorBase = null;
  }
  s.editorFlow = s.flowId;
}

function renderDraftStatus() {
  const x = t();
  const f = s.flow;
  const parts = [];
  if (editor.dirty()) parts.push(x.unsaved);
  if (f && f.draft) parts.push(x.draftSaved(dateTime(f.draft.updatedAt), actorName(f.draft.updatedBy) || '—'));
  else if (s.editorBase !== null) parts.push(x.noDraftYet(s.editorBase));
  els.draftStatus.textContent = parts.join(' · ');
  els.draftStatus.classList.toggle('warn-text', editor.dirty());
  els.discard.hidden = !(f && f.draft);
}

/** Saves the editor as the draft; true when saved. 422 errors go to the list and the gutter. */
async function saveDraft() {
  clearError();
  const id = s.flowId;
  const epoch = s.epoch;
  const body = editor.value();
  const res = await api('PUT', flowPath('/draft'), body);
  if (epoch !== s.epoch || id !== s.flowId) return false;
  if (res.ok) {
    const now = editor.value();
    // Edits typed while the request ran are still unsaved.
    if (now.definitionText === body.definitionText && JSON.stringify(now.templates) === JSON.stringify(body.templates)) editor.markSaved();
    editor.clearErrors();
    s.flow.draft = (res.body && res.body.draft) || { ...body, updatedAt: new Date().toISOString(), updatedBy: state.user && state.user.email };
    s.editorBase = null;
    const item = (s.flows || []).find((f) => f.flowId === id);
    if (item) item.draft = true;
    renderFlows();
    renderDraftStatus();
    renderDiffSelects();
    showNotice(t().draftSavedOk);
    if (res.body && typeof res.body.diagram === 'string') await showDraftDiagram(res.body.diagram);
    return true;
  }
  const errors = errorsOf(res);
  if (res.status === 422 && errors) {
    editor.showErrors(errors);
    showError(t().draftHasErrors(errors.length));
    return false;
  }
  showError(errorText(res));
  return false;
}

/** The simulator and publishing work on the saved draft: save first when the editor has changes. */
async function ensureSaved() {
  if (editor.dirty() || !(s.flow && s.flow.draft)) return saveDraft();
  return true;
}

async function simulate() {
  if (!(await ensureSaved())) return;
  const res = await sim.start(s.flowId);
  if (res && !res.ok) showError(errorText(res));
}

async function publish() {
  if (!(await ensureSaved())) return;
  const { ok, note } = await confirmDialog({ text: t().confirmPublish(s.flowId), ok: t().publish, note: true });
  if (!ok) return;
  await publishWith({ from: 'draft', note: note || undefined });
}

async function rollback(n) {
  const { ok, note } = await confirmDialog({ text: t().confirmRollback(n, s.flowId), ok: t().rollbackTo(n), note: true });
  if (!ok) return;
  await publishWith({ fromVersion: n, note: note || undefined });
}

async function publishWith(body) {
  clearError();
  const id = s.flowId;
  const res = await api('POST', flowPath('/publish'), body);
  if (id !== s.flowId) return;
  if (res.ok) {
    const version = res.body && res.body.version;
    showNotice(!Number.isInteger(version) ? t().publishedOk : res.body.created === false ? t().publishedSame(version) : t().publishedAs(version));
    s.versions.clear();
    s.shown = null;
    await loadFlows();
    // After publishing the editor follows the server (the draft may be gone or kept).
    if (!editor.dirty()) s.editorFlow = null;
    await selectFlow(id);
    return;
  }
  const errors = errorsOf(res);
  if (res.status === 422 && errors) {
    editor.showErrors(errors);
    showError(t().publishRefused(errors.length));
    return;
  }
  showError(errorText(res));
}

async function discard() {
  const { ok } = await confirmDialog({ text: t().confirmDiscard, ok: t().discardDraft, danger: true });
  if (!ok) return;
  const id = s.flowId;
  const res = await api('DELETE', flowPath('/draft'));
  if (id !== s.flowId) return;
  if (!res.ok) { showError(errorText(res)); return; }
  showNotice(t().draftDiscarded);
  sim.stop();
  editor.markSaved();
  s.editorFlow = null;
  s.draftDiagram = null;
  await loadFlows();
  await selectFlow(id);
  if (Number.isInteger(s.flow && s.flow.publishedVersion)) await showVersion(s.flow.publishedVersion);
}

// ---------- compare ----------
function renderDiffSelects() {
  const x = t();
  const versions = versionsOf(s.flow);
  // What the admin picked stays picked; untouched selects follow the flow (a new draft is compared by default).
  const keepFrom = els.diffFrom.dataset.touched ? els.diffFrom.value : '';
  const keepTo = els.diffTo.dataset.touched ? els.diffTo.value : '';
  els.diffFrom.textContent = '';
  els.diffTo.textContent = '';
  const optionText = (v) => x.versionN(v.version) + (v.version === s.flow.publishedVersion ? ` (${x.published})` : '');
  for (const v of versions) els.diffFrom.append(h('option', { value: v.version, text: optionText(v) }));
  if (s.flow.draft) els.diffTo.append(h('option', { value: 'draft', text: x.draft }));
  for (const v of versions) els.diffTo.append(h('option', { value: v.version, text: optionText(v) }));
  const has = (sel, v) => [...sel.options].some((o) => o.value === v);
  els.diffFrom.value = has(els.diffFrom, keepFrom) ? keepFrom : String(s.flow.publishedVersion ?? (versions[0] && versions[0].version) ?? '');
  els.diffTo.value = has(els.diffTo, keepTo) ? keepTo : s.flow.draft ? 'draft' : String((versions[0] && versions[0].version) ?? '');
  els.diffRun.disabled = !versions.length;
}

async function runDiff() {
  clearError();
  const from = els.diffFrom.value;
  const to = els.diffTo.value;
  if (!from || !to) return;
  const id = s.flowId;
  const res = await api('GET', flowPath(`/diff?from=${enc(from)}&to=${enc(to)}`));
  if (id !== s.flowId) return;
  if (!res.ok || !res.body) { showError(errorText(res)); return; }
  s.diff = res.body;
  renderDiff();
}

function renderDiff() {
  const x = t();
  const d = s.diff;
  els.diffResult.textContent = '';
  if (!d) return;
  const lines = Array.isArray(d.definition) ? d.definition.filter((l) => l && typeof l.text === 'string') : [];
  const changed = lines.some((l) => l.op === '+' || l.op === '-');
  const name = (v) => (v === 'draft' ? x.draft : x.versionN(v));
  els.diffResult.append(h('h3', { class: 'sub', text: x.diffOf(name(d.from), name(d.to)) }));
  els.diffResult.append(h('h4', { class: 'sub', i18n: 'definitionTitle' }));
  if (!changed) els.diffResult.append(h('p', { class: 'muted', 'data-testid': 'diff-same', i18n: 'noDefinitionChanges' }));
  else els.diffResult.append(diffLines(lines));

  const templates = Array.isArray(d.templates) ? d.templates.filter((c) => c && typeof c.key === 'string') : [];
  els.diffResult.append(h('h4', { class: 'sub', i18n: 'templatesTitle' }));
  if (!templates.length) {
    els.diffResult.append(h('p', { class: 'muted', 'data-testid': 'diff-templates-same', i18n: 'noTemplateChanges' }));
    return;
  }
  els.diffResult.append(h('div', { class: 'table-wrap' }, h('table', { class: 'template-diff', 'data-testid': 'diff-templates' },
    h('thead', null, h('tr', null, h('th', { i18n: 'locale' }), h('th', { i18n: 'key' }), h('th', { text: name(d.from) }), h('th', { text: name(d.to) }))),
    h('tbody', null, templates.map((c) => {
      const kind = c.before === null || c.before === undefined ? 'added' : c.after === null || c.after === undefined ? 'removed' : 'changed';
      return h('tr', { 'data-testid': 'diff-template', 'data-locale': str(c.locale), 'data-key': c.key, 'data-change': kind },
        h('td', { text: str(c.locale) }),
        h('td', null, h('code', { text: c.key })),
        h('td', { class: 'before' }, kind === 'added' ? h('span', { class: 'muted', i18n: 'absent' }) : h('span', { class: 'tpl', text: str(c.before) })),
        h('td', { class: 'after' }, kind === 'removed' ? h('span', { class: 'muted', i18n: 'absent' }) : h('span', { class: 'tpl', text: str(c.after) })));
    })))));
}

/** +/- lines with DIFF_CONTEXT unchanged lines around each change; longer unchanged runs fold. */
function diffLines(lines) {
  const box = h('div', { class: 'diff', 'data-testid': 'diff-lines' });
  const near = new Array(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op !== '+' && l.op !== '-') return;
    for (let j = Math.max(0, i - DIFF_CONTEXT); j <= Math.min(lines.length - 1, i + DIFF_CONTEXT); j++) near[j] = true;
  });
  const lineEl = (l) => {
    const op = l.op === '+' || l.op === '-' ? l.op : ' ';
    return h('div', { class: `diff-line op-${op === '+' ? 'add' : op === '-' ? 'del' : 'same'}`, 'data-testid': 'diff-line', 'data-op': op },
      h('span', { class: 'diff-op', 'aria-hidden': 'true', text: op }), h('span', { class: 'diff-text', text: l.text }));
  };
  let i = 0;
  while (i < lines.length) {
    if (near[i]) { box.append(lineEl(lines[i])); i += 1; continue; }
    let j = i;
    while (j < lines.length && !near[j]) j += 1;
    const hidden = lines.slice(i, j);
    const fold = h('button', { type: 'button', class: 'diff-fold', 'data-testid': 'diff-fold', text: t().unchangedLines(hidden.length) });
    fold.addEventListener('click', () => fold.replaceWith(...hidden.map(lineEl)));
    box.append(fold);
    i = j;
  }
  return box;
}

// ---------- wiring ----------
els.save.addEventListener('click', () => { void busy(els.save, saveDraft); });
els.simulate.addEventListener('click', () => { void busy(els.simulate, simulate); });
els.simRestart.addEventListener('click', () => { void busy(els.simRestart, simulate); });
els.publish.addEventListener('click', () => { void busy(els.publish, publish); });
els.discard.addEventListener('click', () => { void busy(els.discard, discard); });
/** @type {HTMLInputElement} */ ($('diagram-fit')).addEventListener('change', (e) => { els.diagram.classList.toggle('fit', /** @type {HTMLInputElement} */ (e.target).checked); });
for (const sel of [els.diffFrom, els.diffTo]) sel.addEventListener('change', () => { sel.dataset.touched = 'true'; });
els.diffForm.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.diffRun, runDiff); });
// Ctrl/Cmd+S saves the draft, as in any editor.
$('editor-card').addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void busy(els.save, saveDraft);
  }
});

export const flowsSection = {
  id: 'flows',
  async show(param) {
    if (!(await loadFlows())) return;
    const id = param || s.flowId || (s.flows[0] && s.flows[0].flowId);
    if (!id) { els.view.hidden = true; els.versionsCard.hidden = true; return; }
    if (!param) history.replaceState(null, '', `#flows/${enc(id)}`);
    await selectFlow(id);
  },
  relabel() {
    if (s.flows) renderFlows();
    if (s.flow) { renderFlowHead(); renderVersions(); renderDiffSelects(); renderDraftStatus(); renderCaption(); }
    if (s.diff) renderDiff();
  },
  reset() {
    s.epoch += 1;
    s.flows = null; s.flowId = null; s.flow = null; s.editorFlow = null; s.editorBase = null;
    s.versions.clear(); s.shown = null; s.draftDiagram = null; s.diff = null;
    els.list.textContent = ''; els.versions.textContent = ''; els.diffResult.textContent = '';
    els.view.hidden = true; els.versionsCard.hidden = true;
    editor.load('', {});
    clearDiagram(els.diagram);
    sim.stop();
  },
  dirty: () => editor.dirty(),
};
