// WhatsApp templates (GET|PUT /api/admin/whatsapp/templates): the template Meta approved that each
// proactive message goes as when the debtor's 24-hour window is closed (Cloud API only). GET lists
// the mappable messages with the facts (placeholders of the message's own text) that its
// parameters may name; the server checks each parameter against them, so this form only offers
// them and puts the server's 422 lines next to the field each one is about.
import {
  $, api, busy, clearError, clearFieldErrors, errorText, field, h, label, readField, showError, showFieldErrors, showSaveAnswer, str, t,
} from '/admin-core.js';

// Meta's language code for Brazilian Portuguese: what a mapping starts with.
const DEFAULT_LANGUAGE = 'pt_BR';
// The domain's limit (WhatsAppTemplateSchema in src/domain/whatsappTemplates.ts).
const MAX_PARAMETERS = 20;

const els = { form: /** @type {HTMLFormElement} */ ($('wa-templates-form')), fields: $('wa-templates-fields'), errors: $('wa-templates-errors'), save: /** @type {HTMLButtonElement} */ ($('wa-templates-save')) };
/**
 * @typedef {{ name: string, language: string, parameters: string[] }} Mapping
 * @type {{ messages: { key: string, facts: string[] }[], templates: Record<string, Mapping>, editors: Map<string, { read: (errors: any[]) => Mapping | undefined }>, loaded: boolean, epoch: number }}
 */
const s = { messages: [], templates: {}, editors: new Map(), loaded: false, epoch: 0 };

/**
 * One message's mapping: template name, language and the ordered parameters {{1}}, {{2}}…, bound
 * to `templates.<key>.…` so that the route's 422 paths land next to them. Returns {el, read(errors)}.
 * @param {{ key: string, facts: string[] }} message
 * @param {Mapping | undefined} saved
 */
function messageEditor({ key, facts }, saved) {
  const path = `templates.${key}`;
  const factsId = `wa-facts-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const name = field({ path: `${path}.name`, kind: 'text', labelKey: 'waTemplateName', hintKey: 'waTemplateNameHint', value: saved && saved.name, width: 'l' });
  const language = field({ path: `${path}.language`, kind: 'text', labelKey: 'waLanguage', hintKey: 'waLanguageHint', value: saved ? saved.language : DEFAULT_LANGUAGE });
  const list = h('ol', { class: 'wa-params', 'data-testid': `wa-params-${key}` });
  const none = h('span', { class: 'muted small', i18n: 'waNoParameters' });
  const add = h('button', { type: 'button', class: 'btn small', 'data-testid': `wa-add-${key}`, i18n: 'waAddParameter' });
  const sync = () => {
    none.hidden = list.children.length > 0;
    add.disabled = list.children.length >= MAX_PARAMETERS;
    // Paths follow the position ({{1}} is parameters.0), so the error about parameter 1 is next to the second row.
    [...list.children].forEach((row, i) => {
      row.querySelector('[data-role=n]').textContent = `{{${i + 1}}}`;
      const input = row.querySelector('input');
      input.setAttribute('data-field', `${path}.parameters.${i}`);
      input.setAttribute('data-testid', `field-${path}.parameters.${i}`);
      input.setAttribute('aria-label', `{{${i + 1}}}`);
      row.querySelector('[data-role=error]').setAttribute('data-error-for', `${path}.parameters.${i}`);
    });
  };
  const addParameter = (value) => {
    // Suggests the message's facts as one types, but any text may be typed: the server says why it is refused.
    const input = h('input', { type: 'text', 'data-kind': 'text', list: factsId, autocomplete: 'off', class: 'w-l', value: str(value) });
    const remove = h('button', { type: 'button', class: 'icon-btn', 'data-testid': 'wa-param-remove', i18nAriaLabel: 'waRemoveParameter', text: '×' });
    const row = h('li', { class: 'wa-param' },
      h('span', { class: 'wa-param-n', 'data-role': 'n' }), input, remove,
      h('p', { class: 'field-error', 'data-role': 'error', hidden: '' }));
    remove.addEventListener('click', () => { row.remove(); sync(); add.focus(); });
    list.append(row);
    sync();
    return input;
  };
  add.addEventListener('click', () => addParameter('').focus());
  for (const p of (saved && saved.parameters) || []) addParameter(p);
  sync();

  const el = h('fieldset', { class: 'bucket', 'data-testid': `wa-message-${key}` },
    h('legend', { 'data-wa-key': key, text: label(t('waMessages'), key) }),
    h('p', { class: 'muted small wa-key' }, h('code', { text: key }), ' ',
      saved ? h('span', { class: 'badge ok', 'data-testid': `wa-saved-${key}`, text: `${saved.name} · ${saved.language}` })
        : h('span', { class: 'badge muted', 'data-testid': `wa-saved-${key}`, i18n: 'waUnmapped' })),
    h('div', { class: 'grid-fields' }, name, language),
    h('div', { class: 'field' },
      h('span', { class: 'wa-params-title', i18n: 'waParameters' }),
      h('span', { class: 'muted small' }, h('span', { i18n: 'waAllowedFacts' }), ' ',
        facts.length ? facts.flatMap((f, i) => [i ? ', ' : '', h('code', { text: f })]) : '—'),
      list, none,
      h('div', null, add)),
    h('datalist', { id: factsId }, facts.map((f) => h('option', { value: f }))),
    h('p', { class: 'field-error', 'data-error-for': path, hidden: '' }));
  return {
    el,
    read(errors) {
      // An empty name leaves the message unmapped: outside the window it is then not sent, and its row says why.
      const templateName = readField(name.querySelector('input'), errors, { optional: true });
      if (templateName === null) return undefined;
      return {
        name: templateName,
        language: readField(language.querySelector('input'), errors),
        parameters: [...list.querySelectorAll('input')].map((input) => readField(input, errors)),
      };
    },
  };
}

function render() {
  els.fields.textContent = '';
  s.editors.clear();
  for (const m of s.messages) {
    const editor = messageEditor(m, s.templates[m.key]);
    s.editors.set(m.key, editor);
    els.fields.append(editor.el);
  }
  clearFieldErrors(els.form, els.errors);
}

/** The route's 422 lines read "templates.notice.first.parameters.0: why"; as {field, message} each lands on its field. */
function lineToFieldError(line) {
  const m = /^(\S*): ([\s\S]*)$/.exec(str(line));
  return m ? { field: m[1], message: m[2] } : { field: '', message: str(line) };
}

async function save() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const errors = [];
  /** @type {Record<string, Mapping>} */
  const templates = {};
  for (const [key, editor] of s.editors) {
    const mapping = editor.read(errors);
    if (mapping) templates[key] = mapping;
  }
  if (errors.length) { showFieldErrors(els.form, errors, els.errors); return; }
  const res = await api('PUT', '/api/admin/whatsapp/templates', { templates });
  if (!showSaveAnswer(res, els.form, els.errors, lineToFieldError)) return;
  s.templates = res.body && res.body.templates && typeof res.body.templates === 'object' ? res.body.templates : templates;
  render();
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, save); });

export const whatsappTemplatesSection = {
  id: 'whatsapp-templates',
  async show() {
    if (s.loaded) return;
    const epoch = s.epoch;
    const res = await api('GET', '/api/admin/whatsapp/templates');
    if (epoch !== s.epoch) return;
    if (!res.ok || !res.body || !Array.isArray(res.body.messages)) { showError(errorText(res)); return; }
    s.messages = res.body.messages.filter((m) => m && typeof m.key === 'string' && Array.isArray(m.facts));
    s.templates = (res.body.templates && typeof res.body.templates === 'object') ? res.body.templates : {};
    s.loaded = true;
    render();
  },
  relabel() {
    for (const e of els.fields.querySelectorAll('[data-wa-key]')) e.textContent = label(t('waMessages'), e.getAttribute('data-wa-key'));
  },
  reset() {
    s.epoch += 1;
    s.messages = []; s.templates = {}; s.editors.clear(); s.loaded = false;
    els.fields.textContent = '';
  },
};
