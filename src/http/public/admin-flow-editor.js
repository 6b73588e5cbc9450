// The draft editor of a flow: the definition's JSON text with a line-number gutter (errors from
// the server carry a line, which gets marked there), and one textarea per template (locale, key).
// The JSON text is the draft: the structured editor (admin-flow-states.js) reads it and writes it
// back through definition() / setDefinition(), and listens for loads, edits and errors.
import { bothLanguages, h, issueText, str } from '/admin-core.js';
import { TEXT } from '/admin-text.js';
import { locale } from '/i18n.js';

const LOCALE_ORDER = ['pt-BR', 'en'];

export function createFlowEditor(els) {
  let lineCount = 0;
  let dirty = false;
  /** line -> message of the errors of the last save. */
  let marks = new Map();
  /** @type {((e: { type: 'load' | 'text' } | { type: 'errors', errors: unknown[] } | { type: 'goto', path: string }) => boolean | void)[]} */
  const listeners = [];
  const emit = (e) => listeners.some((fn) => fn(e) === true);

  function setDirty(v) {
    dirty = v;
    els.onDirty(v);
  }

  // ----- definition with line numbers -----
  function renderGutter() {
    const n = Math.max(1, els.textarea.value.split('\n').length);
    if (n !== lineCount) {
      // Only the lines that came or went: an Enter in a 1,400-line definition must not rebuild them all.
      if (!els.gutter.lastElementChild) els.gutter.append(h('div', { class: 'gutter-pad' }));
      const pad = /** @type {Element} */ (els.gutter.lastElementChild);
      if (n > lineCount) {
        const frag = document.createDocumentFragment();
        for (let i = lineCount + 1; i <= n; i++) frag.append(h('div', { class: 'gutter-line', 'data-testid': 'draft-gutter-line', 'data-line': i, text: i }));
        els.gutter.insertBefore(frag, pad);
      } else {
        for (let i = lineCount; i > n; i--) pad.previousElementSibling?.remove();
      }
      lineCount = n;
    }
    for (const el of els.gutter.querySelectorAll('[data-error]')) { el.removeAttribute('data-error'); el.removeAttribute('title'); }
    for (const [line, message] of marks) {
      const el = els.gutter.querySelector(`[data-line="${line}"]`);
      if (el) { el.setAttribute('data-error', 'true'); el.setAttribute('title', message); }
    }
    els.gutter.scrollTop = els.textarea.scrollTop;
  }
  els.textarea.addEventListener('input', () => { renderGutter(); setDirty(true); emit({ type: 'text' }); });
  els.textarea.addEventListener('scroll', () => { els.gutter.scrollTop = els.textarea.scrollTop; });
  // Tab indents (two spaces, as the server pretty-prints) instead of leaving the editor.
  els.textarea.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const { selectionStart: a, selectionEnd: b, value } = els.textarea;
    els.textarea.value = value.slice(0, a) + '  ' + value.slice(b);
    els.textarea.selectionStart = els.textarea.selectionEnd = a + 2;
    renderGutter();
    setDirty(true);
  });

  function goToLine(line, column) {
    const lines = els.textarea.value.split('\n');
    const l = Math.min(Math.max(1, line), lines.length);
    let pos = 0;
    for (let i = 0; i < l - 1; i++) pos += lines[i].length + 1;
    const col = Number.isInteger(column) && column > 0 ? Math.min(column - 1, lines[l - 1].length) : 0;
    els.textarea.focus();
    els.textarea.setSelectionRange(pos + col, pos + col);
    // Centre the line: the textarea's own scrolling may leave it at the very edge.
    const lineHeight = parseFloat(getComputedStyle(els.textarea).lineHeight) || 20;
    els.textarea.scrollTop = Math.max(0, (l - 1) * lineHeight - els.textarea.clientHeight / 2);
    els.gutter.scrollTop = els.textarea.scrollTop;
  }

  // ----- templates -----
  function addRow(locale, key, text) {
    const area = h('textarea', { class: 'template-text', 'data-testid': 'template-text', rows: '2', spellcheck: 'true', 'aria-label': `${locale} · ${key}`, lang: locale });
    area.value = text;
    area.addEventListener('input', () => { setDirty(true); emit({ type: 'text' }); });
    const err = h('p', { class: 'field-error', 'data-role': 'template-error', hidden: '' });
    const row = h('tr', { 'data-testid': 'template-row', 'data-locale': locale, 'data-key': key },
      h('td', { class: 'locale-cell', text: locale }),
      h('td', { class: 'key-cell' }, h('code', { text: key })),
      h('td', null, area, err));
    els.rows.append(row);
    return row;
  }
  function applyFilter() {
    const q = els.filter.value.trim().toLowerCase();
    let shown = 0;
    for (const row of els.rows.children) {
      const hay = `${row.getAttribute('data-locale')} ${row.getAttribute('data-key')} ${row.querySelector('textarea').value}`.toLowerCase();
      row.hidden = !!q && !hay.includes(q);
      if (!row.hidden) shown += 1;
    }
    els.none.hidden = shown > 0;
  }
  els.filter.addEventListener('input', applyFilter);
  const findRow = (locale, key) => [...els.rows.children].find((r) => r.getAttribute('data-locale') === locale && r.getAttribute('data-key') === key);

  els.addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = els.newKey.value.trim();
    if (!key) { els.newKey.focus(); return; }
    const locales = localesShown();
    let first = null;
    for (const locale of locales) {
      if (findRow(locale, key)) continue;
      const row = addRow(locale, key, '');
      first = first || row;
    }
    els.newKey.value = '';
    els.filter.value = key;
    applyFilter();
    if (first) { first.querySelector('textarea').focus(); setDirty(true); }
  });
  function localesShown() {
    const set = new Set(LOCALE_ORDER);
    for (const r of els.rows.children) set.add(r.getAttribute('data-locale'));
    return [...set];
  }

  // ----- errors -----
  function clearErrors() {
    marks = new Map();
    els.errorsList.textContent = '';
    els.errorsBox.hidden = true;
    for (const r of els.rows.querySelectorAll('[data-error]')) r.removeAttribute('data-error');
    for (const p of els.rows.querySelectorAll('[data-role=template-error]')) { p.hidden = true; p.textContent = ''; }
    renderGutter();
    emit({ type: 'errors', errors: [] });
  }

  /** 422 errors of a save or publish: [{path, line, column, message}]. */
  function showErrors(errors) {
    clearErrors();
    for (const er of errors) {
      const message = issueText(er);
      const path = str(er && (er.path ?? er.field));
      const line = Number.isInteger(er && er.line) && er.line > 0 ? er.line : null;
      const column = Number.isInteger(er && er.column) && er.column > 0 ? er.column : null;
      let row = null;
      const m = /^templates\.([^.]+)\.(.+)$/.exec(path);
      if (m) {
        row = findRow(m[1], m[2]);
        if (row) {
          row.setAttribute('data-error', 'true');
          const p = row.querySelector('[data-role=template-error]');
          p.textContent = p.textContent ? `${p.textContent} ${message}` : message;
          p.hidden = false;
          row.hidden = false;
        }
      }
      if (line) marks.set(line, marks.has(line) ? `${marks.get(line)}\n${message}` : message);
      // The step the error is in, for an admin on the steps tab; the line, for the JSON view.
      const step = /^states\.([^.[]+)/.exec(path)?.[1];
      // In both languages, so a language switch re-says it with the message (i18n.js applyTexts).
      const whereIn = (/** @type {'pt-BR' | 'en'} */ loc) => {
        const at = line ? (column ? TEXT[loc].lineColumn(line, column) : TEXT[loc].lineN(line)) : step ? null : path;
        const where = [step, at].filter(Boolean).join(' · ');
        return where ? `${where}: ` : '';
      };
      const where = whereIn(locale());
      const li = h('li', { 'data-testid': 'draft-error', 'data-line': line ?? null, 'data-path': path || null },
        h('button', { type: 'button', class: 'link' }, where ? h('strong', { text: where, ...bothLanguages({ 'pt-BR': whereIn('pt-BR'), en: whereIn('en') }) }) : null, h('span', { text: message, ...bothLanguages(er && er.messages) })));
      li.querySelector('button').addEventListener('click', () => {
        // The structured editor takes the click when it is the view shown.
        if (path && emit({ type: 'goto', path })) return;
        if (line) goToLine(line, column);
        else if (row) row.querySelector('textarea').focus();
      });
      els.errorsList.append(li);
    }
    els.errorsBox.hidden = errors.length === 0;
    renderGutter();
    emit({ type: 'errors', errors });
  }

  function findRowOrAdd(locale, key) {
    return findRow(locale, key) || addRow(locale, key, '');
  }

  return {
    load(definitionText, templates) {
      els.textarea.value = str(definitionText);
      els.textarea.scrollTop = 0;
      els.rows.textContent = '';
      const locales = Object.keys(templates && typeof templates === 'object' ? templates : {});
      locales.sort((a, b) => (LOCALE_ORDER.indexOf(a) + 1 || 99) - (LOCALE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
      for (const locale of locales) {
        const set = templates[locale] && typeof templates[locale] === 'object' ? templates[locale] : {};
        for (const key of Object.keys(set).sort()) addRow(locale, key, str(set[key]));
      }
      applyFilter();
      clearErrors();
      setDirty(false);
      emit({ type: 'load' });
    },
    /** The draft's definition parsed, or why the JSON text cannot be read. */
    definition() {
      try {
        return { ok: true, def: JSON.parse(els.textarea.value) };
      } catch (err) {
        return { ok: false, error: str(err && /** @type {Error} */ (err).message) };
      }
    },
    /** Writes a definition as the JSON text, formatted as the server shows versions. */
    setDefinition(def) {
      els.textarea.value = `${JSON.stringify(def, null, 2)}\n`;
      renderGutter();
      setDirty(true);
    },
    /** @param {string} locale @param {string} key @returns {string | undefined} */
    template(locale, key) {
      const row = findRow(locale, key);
      return row ? row.querySelector('textarea').value : undefined;
    },
    /** Sets a template's text, adding its row when the key is new. */
    setTemplate(locale, key, text) {
      findRowOrAdd(locale, key).querySelector('textarea').value = text;
      setDirty(true);
    },
    /** Every template key of the draft, in any locale. */
    templateKeys() {
      return [...new Set([...els.rows.children].map((r) => r.getAttribute('data-key')))].sort();
    },
    subscribe(fn) { listeners.push(fn); },
    value() {
      const templates = {};
      for (const r of els.rows.children) {
        const locale = r.getAttribute('data-locale');
        (templates[locale] ||= {})[r.getAttribute('data-key')] = r.querySelector('textarea').value;
      }
      return { definitionText: els.textarea.value, templates };
    },
    dirty: () => dirty,
    markSaved() { setDirty(false); },
    showErrors,
    clearErrors,
    goToLine,
  };
}
