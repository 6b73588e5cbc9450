// One template's text (a locale, a key) as the flow editor edits it: a textarea, the text rendered
// with the sample facts, and the guardrails' verdict, checked as the admin types through
// POST /api/admin/flows/templates/check — the same judgement as publishing (src/phrasing/checkTemplate.ts).
// The rendered text and the problems go into the DOM with textContent only.
/** @import { TEXT } from './admin-text.js' */
import { api, bothLanguages, h, issueText } from '/admin-core.js';
import { locale as consoleLocale } from '/i18n.js';

/** @typedef {'pt-BR' | 'en'} Locale */
/**
 * The endpoint's answer: checkTemplate's (src/phrasing/checkTemplate.ts; importing its type here
 * would type-check the guardrails under this folder's looser settings) and ok = no problems.
 * `messages`: the same problems in each console language (a guardrail's detail stays English).
 * @typedef {{ rendered: string | null, ok: boolean, problems: string[], messages?: Record<Locale, string>[] }} TemplateCheckAnswer
 */
/**
 * @typedef {object} TemplateField
 * @property {HTMLElement} element the field, to be put in the page by the caller
 * @property {() => string} value the text as it is now
 * @property {(v: string) => void} setValue replaces the text (no onInput) and checks it again
 * @property {(msg: string | null) => void} setError a message of the caller's (a refused save) under the text; null clears it
 * @property {() => Promise<TemplateCheckAnswer | null>} check checks the text now; null when it could not be checked or changed meanwhile
 */

const PATH = '/api/admin/flows/templates/check';
/** A pause in typing this long sends the text. */
const DEBOUNCE_MS = 300;

/** The guardrail named at the start of a problem ("hostility: …"); other problems are about the text itself. */
const CHECK_LABELS = /** @type {const} @satisfies {Record<string, keyof typeof TEXT['pt-BR']>} */ ({
  length: 'tfCheckLength',
  numbers: 'tfCheckNumbers',
  promises: 'tfCheckPromises',
  status: 'tfCheckStatus',
  hostility: 'tfCheckHostility',
  creditor: 'tfCheckCreditor',
  language: 'tfCheckLanguage',
  links: 'tfCheckLinks',
  foreignData: 'tfCheckForeignData',
  injection: 'tfCheckInjection',
});

/** @type {keyof typeof TEXT['pt-BR']} */
const TEXT_LABEL = 'tfCheckText';

/** "hostility: legal threat …" → the check and its detail; a placeholder or length problem → 'text'. */
function splitProblem(problem) {
  const m = /^(\w+): ([\s\S]*)$/.exec(problem);
  if (m && Object.prototype.hasOwnProperty.call(CHECK_LABELS, m[1])) return { check: m[1], label: CHECK_LABELS[m[1]], detail: m[2] };
  return { check: 'text', label: TEXT_LABEL, detail: problem };
}

let fields = 0;

/**
 * A template's text with its live preview and verdict. Checked when it first shows on screen, after
 * each pause in typing, on setValue and on check(); one request at a time, and an answer for a text
 * that has changed since is dropped. A failed request (offline, 500) says the text could not be
 * checked; the text stays as typed.
 * @param {{ locale: Locale, key: string, value?: string, onInput?: (value: string) => void, onCheck?: (answer: TemplateCheckAnswer | null) => void }} opts
 * @returns {TemplateField}
 */
export function templateField({ locale, key, value = '', onInput, onCheck }) {
  const id = `template-field-${++fields}`;
  const area = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id, class: 'template-field-text', 'data-testid': 'template-field-text', rows: '3', spellcheck: 'true', lang: locale,
    'aria-describedby': `${id}-error ${id}-verdict`,
  }));
  area.value = value;
  const error = h('p', { id: `${id}-error`, class: 'field-error', 'data-testid': 'template-field-error', hidden: '' });
  const preview = h('p', { class: 'template-field-preview', 'data-testid': 'template-field-preview', lang: locale });
  const verdict = h('div', { id: `${id}-verdict`, class: 'template-field-verdict', 'data-testid': 'template-field-verdict', 'aria-live': 'polite', 'data-state': 'checking' },
    h('span', { class: 'muted', i18n: 'tfChecking' }));
  const element = h('div', { class: 'template-field', 'data-testid': 'template-field', 'data-locale': locale, 'data-key': key },
    h('label', { for: id, class: 'template-field-label' }, h('span', { class: 'badge muted', text: locale }), ' ', h('code', { text: key })),
    area, error,
    h('div', { class: 'template-field-result' },
      h('span', { class: 'template-field-caption', i18n: 'tfPreview' }), preview,
      h('span', { class: 'template-field-caption', i18n: 'tfVerdict' }), verdict));

  /** @param {TemplateCheckAnswer | null} answer null: could not check */
  function show(answer) {
    verdict.textContent = '';
    verdict.removeAttribute('data-ok');
    preview.textContent = '';
    preview.removeAttribute('data-empty');
    if (!answer) {
      verdict.setAttribute('data-state', 'failed');
      verdict.append(h('span', { class: 'badge warn', i18n: 'tfCouldNotCheck' }));
      preview.setAttribute('data-empty', 'true');
      preview.append(h('span', { class: 'muted', i18n: 'tfCouldNotCheck' }));
      area.removeAttribute('aria-invalid');
      return;
    }
    verdict.setAttribute('data-state', answer.ok ? 'ok' : 'problems');
    verdict.setAttribute('data-ok', String(answer.ok));
    if (answer.rendered === null) {
      preview.setAttribute('data-empty', 'true');
      preview.append(h('span', { class: 'muted', i18n: 'tfNoPreview' }));
    } else {
      preview.textContent = answer.rendered;
    }
    if (answer.ok) verdict.append(h('span', { class: 'badge ok', i18n: 'tfOk' }));
    else {
      verdict.append(h('ul', { class: 'template-field-problems' }, answer.problems.map((p, i) => {
        const { check, label, detail } = splitProblem(p);
        // A problem with the text itself, in the console's language; a guardrail's name is translated by its label.
        const said = check === 'text' ? answer.messages?.[i] : null;
        return h('li', { 'data-testid': 'template-field-problem', 'data-check': check }, h('strong', { i18n: label }), ': ', h('span', { text: (said && said[consoleLocale()]) || detail, ...bothLanguages(said) }));
      })));
    }
    markInvalid();
  }
  const markInvalid = () => {
    const bad = !error.hidden || verdict.getAttribute('data-ok') === 'false';
    if (bad) area.setAttribute('aria-invalid', 'true'); else area.removeAttribute('aria-invalid');
  };
  /** The verdict on screen is for an older text: dimmed, and no data-ok, until the new one comes. */
  const pending = () => {
    verdict.setAttribute('data-state', 'checking');
    verdict.removeAttribute('data-ok');
  };

  /** @param {string} text @returns {Promise<TemplateCheckAnswer | null>} */
  async function ask(text) {
    try {
      const res = await api('POST', PATH, { locale, key, text });
      if (res.ok && res.body && Array.isArray(res.body.problems)) return res.body;
      // The text itself refused (longer than the endpoint takes): a problem with it, not a failure to check.
      if (res.status === 422 && res.body && Array.isArray(res.body.errors)) {
        return { rendered: null, ok: false, problems: res.body.errors.map(issueText) };
      }
      return null;
    } catch {
      // Offline, or the session ended (api() has gone back to the login form).
      return null;
    }
  }

  let timer = 0;
  /** The checks running now (at most one request); a second call while it runs asks it to go again. */
  let running = null;
  let again = false;
  async function loop() {
    for (;;) {
      again = false;
      const text = area.value;
      const answer = await ask(text);
      if (area.value === text) {
        show(answer);
        if (onCheck) onCheck(answer);
        return answer;
      }
      // Stale: a newer text is waiting for its pause (its timer), or asked for already (again).
      if (!again) return null;
    }
  }
  function check() {
    clearTimeout(timer);
    pending();
    if (running) { again = true; return running; }
    running = loop().finally(() => { running = null; });
    return running;
  }

  // The first check waits until the field shows: an editor of a hundred templates asks for those in view.
  let seen = typeof IntersectionObserver === 'undefined';
  if (!seen) {
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      seen = true;
      void check();
    });
    io.observe(element);
  } else {
    queueMicrotask(() => { void check(); });
  }

  area.addEventListener('input', () => {
    pending();
    if (onInput) onInput(area.value);
    clearTimeout(timer);
    if (seen) timer = window.setTimeout(() => { void check(); }, DEBOUNCE_MS);
  });

  return {
    element,
    value: () => area.value,
    setValue(v) {
      area.value = v;
      pending();
      if (seen) void check();
    },
    setError(msg) {
      error.textContent = msg || '';
      error.hidden = !msg;
      markInvalid();
    },
    check,
  };
}
