// What the parts of the flows section share: its elements, the draft editor and the simulator, the
// section's state and the open flow's API path.
import { $, enc } from '/admin-core.js';
import { createFlowEditor } from '/admin-flow-editor.js';
import { createSimulator } from '/admin-simulator.js';
import { renderDraftStatus } from '/admin-flow-draft.js';

export const els = {
  list: $('flow-list'), listEmpty: $('flow-list-empty'), versionsCard: $('versions-card'), versions: $('version-list'),
  view: $('flow-view'), title: $('flow-title'), meta: $('flow-meta'),
  diagram: $('diagram'), diagramCaption: $('diagram-caption'), diagramError: $('diagram-error'),
  definitionBox: $('version-definition-box'), definition: $('version-definition'),
  draftStatus: $('draft-status'), save: /** @type {HTMLButtonElement} */ ($('draft-save')), simulate: /** @type {HTMLButtonElement} */ ($('simulate')), publish: /** @type {HTMLButtonElement} */ ($('publish')), discard: /** @type {HTMLButtonElement} */ ($('draft-discard')),
  diffForm: /** @type {HTMLFormElement} */ ($('diff-form')), diffFrom: /** @type {HTMLSelectElement} */ ($('diff-from')), diffTo: /** @type {HTMLSelectElement} */ ($('diff-to')), diffRun: /** @type {HTMLButtonElement} */ ($('diff-run')), diffResult: $('diff-result'),
  simRestart: /** @type {HTMLButtonElement} */ ($('sim-restart')),
};

export const editor = createFlowEditor({
  textarea: /** @type {HTMLTextAreaElement} */ ($('draft-text')), gutter: $('draft-gutter'), rows: $('template-rows'), filter: /** @type {HTMLInputElement} */ ($('template-filter')), none: $('templates-none'),
  addForm: /** @type {HTMLFormElement} */ ($('template-add')), newKey: /** @type {HTMLInputElement} */ ($('template-new-key')), errorsBox: $('draft-errors-box'), errorsList: $('draft-errors'),
  onDirty: () => renderDraftStatus(),
});
export const sim = createSimulator({
  card: $('sim-card'), log: $('sim-log'), form: /** @type {HTMLFormElement} */ ($('sim-form')), input: /** @type {HTMLInputElement} */ ($('sim-input')), send: /** @type {HTMLButtonElement} */ ($('sim-send')), locale: /** @type {HTMLSelectElement} */ ($('sim-locale')), close: /** @type {HTMLButtonElement} */ ($('sim-close')),
});

export const s = {
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

export const flowPath = (suffix = '') => `/api/admin/flows/${enc(s.flowId)}${suffix}`;
