// A flow's draft: loading it into the editor, saving it, simulating it, publishing it (or rolling
// back to a version) and discarding it.
import { actorName, api, clearError, confirmDialog, dateTime, errorsOf, errorText, showError, showNotice, state, t } from '/admin-core.js';
import { renderDiffSelects } from '/admin-flow-diff.js';
import { editor, els, flowPath, s, sim } from '/admin-flow-state.js';
import { loadFlows, renderFlows, selectFlow, showDraftDiagram, showVersion, versionDetail } from '/admin-flow-versions.js';

export async function loadEditor() {
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

export function renderDraftStatus() {
  const f = s.flow;
  const parts = [];
  if (editor.dirty()) parts.push(t('unsaved'));
  if (f && f.draft) parts.push(t('draftSaved', dateTime(f.draft.updatedAt), actorName(f.draft.updatedBy) || '—'));
  else if (s.editorBase !== null) parts.push(t('noDraftYet', s.editorBase));
  els.draftStatus.textContent = parts.join(' · ');
  els.draftStatus.classList.toggle('warn-text', editor.dirty());
  els.discard.hidden = !(f && f.draft);
}

/** Saves the editor as the draft; true when saved. 422 errors go to the list and the gutter. */
export async function saveDraft() {
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
    showNotice(t('draftSavedOk'));
    if (res.body && res.body.graph) await showDraftDiagram(res.body.graph);
    return true;
  }
  const errors = errorsOf(res);
  if (res.status === 422 && errors) {
    editor.showErrors(errors);
    showError(t('draftHasErrors', errors.length));
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

export async function simulate() {
  if (!(await ensureSaved())) return;
  const res = await sim.start(s.flowId);
  if (res && !res.ok) showError(errorText(res));
}

export async function publish() {
  if (!(await ensureSaved())) return;
  const { ok, note } = await confirmDialog({ text: t('confirmPublish', s.flowId), ok: t('publish'), note: true });
  if (!ok) return;
  await publishWith({ from: 'draft', note: note || undefined });
}

export async function rollback(n) {
  const { ok, note } = await confirmDialog({ text: t('confirmRollback', n, s.flowId), ok: t('rollbackTo', n), note: true });
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
    showNotice(!Number.isInteger(version) ? t('publishedOk') : res.body.created === false ? t('publishedSame', version) : t('publishedAs', version));
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
    showError(t('publishRefused', errors.length));
    return;
  }
  showError(errorText(res));
}

export async function discard() {
  const { ok } = await confirmDialog({ text: t('confirmDiscard'), ok: t('discardDraft'), danger: true });
  if (!ok) return;
  const id = s.flowId;
  const res = await api('DELETE', flowPath('/draft'));
  if (id !== s.flowId) return;
  if (!res.ok) { showError(errorText(res)); return; }
  showNotice(t('draftDiscarded'));
  sim.stop();
  editor.markSaved();
  s.editorFlow = null;
  s.draftDiagram = null;
  await loadFlows();
  await selectFlow(id);
  if (Number.isInteger(s.flow && s.flow.publishedVersion)) await showVersion(s.flow.publishedVersion);
}
