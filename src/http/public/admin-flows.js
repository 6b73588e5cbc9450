// Flows: the list, one flow's versions (published marked, roll back), the diagram of a version or
// of the saved draft (admin-flow-versions.js), the draft editor (admin-flow-editor.js) and what is
// done with the draft (admin-flow-draft.js), the simulator (admin-simulator.js) and comparing two
// versions (admin-flow-diff.js). This module wires the section's buttons and is the section.
import { $, busy, enc, guard } from '/admin-core.js';
import { clearFlowGraph } from '/admin-flow-graph.js';
import { renderDiff, renderDiffSelects, runDiff } from '/admin-flow-diff.js';
import { discard, publish, renderDraftStatus, saveDraft, simulate } from '/admin-flow-draft.js';
import { editor, els, s, sim } from '/admin-flow-state.js';
import { relabelSteps } from '/admin-flow-states.js';
import { loadFlows, redrawDiagram, renderCaption, renderFlowHead, renderFlows, renderVersions, selectFlow, showFlowView } from '/admin-flow-versions.js';

els.save.addEventListener('click', () => { void busy(els.save, saveDraft); });
els.simulate.addEventListener('click', () => { void busy(els.simulate, simulate); });
els.simRestart.addEventListener('click', () => { void busy(els.simRestart, simulate); });
els.publish.addEventListener('click', () => { void busy(els.publish, publish); });
els.discard.addEventListener('click', () => { void busy(els.discard, discard); });
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
    if (!id) { showFlowView(false); return; }
    if (!param) history.replaceState(null, '', `#flows/${enc(id)}`);
    await selectFlow(id);
  },
  relabel() {
    if (s.flows) renderFlows();
    if (s.flow) { renderFlowHead(); renderVersions(); renderDiffSelects(); renderDraftStatus(); renderCaption(); void guard(redrawDiagram); }
    if (s.diff) renderDiff();
    relabelSteps();
  },
  reset() {
    s.epoch += 1;
    s.flows = null; s.flowId = null; s.flow = null; s.editorFlow = null; s.editorBase = null;
    s.versions.clear(); s.shown = null; s.draftDiagram = null; s.diff = null;
    els.list.textContent = ''; els.versions.textContent = ''; els.diffResult.textContent = '';
    showFlowView(false);
    editor.load('', {});
    clearFlowGraph(els.diagram);
    sim.stop();
  },
  dirty: () => editor.dirty(),
};
