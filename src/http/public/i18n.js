// The one translation mechanism of the pages: the debtor's web chat and both consoles. Each page has
// a dictionary module (webchat-text.js, console-text.js, admin-text.js) with the same keys in
// pt-BR and en. An entry is a string, a function of values the caller has already formatted for
// the locale (money, dates), or a map of codes to labels (hand-off reasons…). The page registers
// its dictionary once with useTexts(); t(key, ...values) reads the current locale's entry; the
// markup names its keys in data-i18n (text), data-i18n-aria-label and data-i18n-placeholder, which
// applyTexts() fills in.

/** @typedef {'pt-BR' | 'en'} Locale */
/** @typedef {{ 'pt-BR': Record<string, unknown>, en: Record<string, unknown> }} Texts */

/** @type {Texts} */
let texts = { 'pt-BR': {}, en: {} };
/** @type {Locale} */
let current = 'pt-BR';
/** Where the language choice is kept: localStorage (the consoles) or this tab's sessionStorage (the web chat). */
let saved = { key: '', session: false };

const store = {
  /** @param {string} k */
  get: (k) => { try { return (saved.session ? window.sessionStorage : window.localStorage).getItem(k); } catch { return null; } },
  /** @param {string} k @param {string} v */
  set: (k, v) => { try { (saved.session ? window.sessionStorage : window.localStorage).setItem(k, v); } catch { /* private mode */ } },
};

/**
 * The page's dictionary, and where its language choice is kept. Called once, first thing: sets the
 * locale (the saved choice; else, with `browser`, the browser's language; else pt-BR) before
 * anything is drawn.
 * @param {Texts} dictionary
 * @param {{ key: string, session?: boolean, browser?: boolean }} options
 */
export function useTexts(dictionary, { key, session = false, browser = true }) {
  texts = dictionary;
  saved = { key, session };
  const choice = store.get(key);
  if (choice === 'en' || choice === 'pt-BR') current = choice;
  else if (browser) current = String(navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
  else current = 'pt-BR';
}

/** @returns {Locale} */
export function locale() {
  return current;
}

/** Switches the language and keeps the choice. @param {string | null} to */
export function setLocale(to) {
  current = to === 'en' ? 'en' : 'pt-BR';
  store.set(saved.key, current);
}

/**
 * The current locale's entry for `key`: its string, its function's text for `values`, or its map.
 * Untyped; each page's dictionary module exports the same function typed by its keys.
 * @param {string} key
 * @param {...any} values
 * @returns {any}
 */
export function t(key, ...values) {
  const entry = texts[current][key];
  return typeof entry === 'function' ? entry(...values) : entry;
}

/** The text of `key` for the markup: the key itself when it names no string. @param {string} key */
export function textOf(key) {
  const v = texts[current][key];
  return typeof v === 'string' ? v : key;
}

/** The current locale's texts into the markup: the lang attribute, every data-i18n* element and every data-text-{pt-br,en} one. */
export function applyTexts() {
  const x = texts[current];
  document.documentElement.lang = current;
  for (const [attr, put] of /** @type {const} */ ([
    ['data-i18n', (/** @type {Element} */ e, /** @type {string} */ v) => { e.textContent = v; }],
    ['data-i18n-aria-label', (/** @type {Element} */ e, /** @type {string} */ v) => e.setAttribute('aria-label', v)],
    ['data-i18n-placeholder', (/** @type {Element} */ e, /** @type {string} */ v) => e.setAttribute('placeholder', v)],
  ])) {
    for (const e of document.querySelectorAll(`[${attr}]`)) {
      const v = x[e.getAttribute(attr) ?? ''];
      if (typeof v === 'string') put(e, v);
    }
  }
  // A text the server said in both languages (an API error's `messages`), not in the dictionary.
  for (const e of document.querySelectorAll('[data-text-en]')) {
    const v = e.getAttribute(current === 'en' ? 'data-text-en' : 'data-text-pt-br');
    if (v !== null) e.textContent = v;
  }
}
