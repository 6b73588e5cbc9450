// Comparing two versions of a flow (or a version and the draft): the definition line by line, the
// templates key by key.
import { api, clearError, enc, errorText, h, showError, str, t } from '/admin-core.js';
import { els, flowPath, s } from '/admin-flow-state.js';
import { versionsOf } from '/admin-flow-versions.js';

// Unchanged lines shown around each change in a comparison; longer unchanged runs fold.
const DIFF_CONTEXT = 3;

export function renderDiffSelects() {
  const versions = versionsOf(s.flow);
  // What the admin picked stays picked; untouched selects follow the flow (a new draft is compared by default).
  const keepFrom = els.diffFrom.dataset.touched ? els.diffFrom.value : '';
  const keepTo = els.diffTo.dataset.touched ? els.diffTo.value : '';
  els.diffFrom.textContent = '';
  els.diffTo.textContent = '';
  const optionText = (v) => t('versionN', v.version) + (v.version === s.flow.publishedVersion ? ` (${t('published')})` : '');
  for (const v of versions) els.diffFrom.append(h('option', { value: v.version, text: optionText(v) }));
  if (s.flow.draft) els.diffTo.append(h('option', { value: 'draft', text: t('draft') }));
  for (const v of versions) els.diffTo.append(h('option', { value: v.version, text: optionText(v) }));
  const has = (sel, v) => [...sel.options].some((o) => o.value === v);
  els.diffFrom.value = has(els.diffFrom, keepFrom) ? keepFrom : String(s.flow.publishedVersion ?? (versions[0] && versions[0].version) ?? '');
  els.diffTo.value = has(els.diffTo, keepTo) ? keepTo : s.flow.draft ? 'draft' : String((versions[0] && versions[0].version) ?? '');
  els.diffRun.disabled = !versions.length;
}

export async function runDiff() {
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

export function renderDiff() {
  const d = s.diff;
  els.diffResult.textContent = '';
  if (!d) return;
  const lines = Array.isArray(d.definition) ? d.definition.filter((l) => l && typeof l.text === 'string') : [];
  const changed = lines.some((l) => l.op === '+' || l.op === '-');
  const name = (v) => (v === 'draft' ? t('draft') : t('versionN', v));
  els.diffResult.append(h('h3', { class: 'sub', text: t('diffOf', name(d.from), name(d.to)) }));
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
    const fold = h('button', { type: 'button', class: 'diff-fold', 'data-testid': 'diff-fold', text: t('unchangedLines', hidden.length) });
    fold.addEventListener('click', () => fold.replaceWith(...hidden.map(lineEl)));
    box.append(fold);
    i = j;
  }
  return box;
}
