// What the agents' console (console.js) and the admins' console (admin.js, admin-core.js) share:
// DOM building, the language choice, the API client with its CSRF token, the session (login form,
// current user, logout, the 401 that ends it), the banners and the formatting of amounts and dates.
// Both pages have the same top bar, banners, login form and confirm dialog (ui-top.html,
// ui-login.html, by these ids). Everything that comes from the API goes into the DOM with
// textContent / createElement only: no innerHTML, no eval. The texts are i18n.js's.
import { applyTexts, locale, setLocale, t, textOf } from '/i18n.js';

// ---------- DOM ----------
/**
 * The element with this id. Every id a script asks for is in its page's markup, so the result is
 * typed as present; a cast narrows it where an input, button or dialog is meant.
 * @param {string} id
 */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
export const str = (v) => (typeof v === 'string' ? v : '');
export const enc = encodeURIComponent;

/**
 * One API error's message in the page's language: the server gives `messages` per locale where it
 * can say it (zod's and the flow validator's issues), `message` in English always.
 * @param {unknown} er
 */
export function issueText(er) {
  const e = /** @type {{ message?: unknown, messages?: Record<string, unknown> } | null} */ (er && typeof er === 'object' ? er : null);
  const own = e && e.messages && typeof e.messages === 'object' ? e.messages[locale()] : null;
  return (typeof own === 'string' && own) || str(e && e.message) || '?';
}

/**
 * Props for h() that let a language switch re-say a server's text (i18n.js applyTexts): its
 * `messages` in both locales, or nothing when it has none.
 * @param {unknown} messages
 */
export function bothLanguages(messages) {
  const m = /** @type {Record<string, unknown> | null} */ (messages && typeof messages === 'object' ? messages : null);
  return m && typeof m['pt-BR'] === 'string' && typeof m.en === 'string' ? { 'data-text-pt-br': m['pt-BR'], 'data-text-en': m.en } : {};
}
export const label = (map, code) => (map && Object.prototype.hasOwnProperty.call(map, code) ? map[code] : String(code ?? ''));

/**
 * createElement with text children only: strings become Text nodes, never markup.
 * Props: class, text, i18n (a dictionary key kept up to date on a language switch),
 * i18nPlaceholder, i18nAriaLabel, value, checked, and plain attributes.
 */
export function h(tag, props, ...kids) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'i18n') { e.setAttribute('data-i18n', v); e.textContent = textOf(v); }
      else if (k === 'i18nPlaceholder') { e.setAttribute('data-i18n-placeholder', v); e.setAttribute('placeholder', textOf(v)); }
      else if (k === 'i18nAriaLabel') { e.setAttribute('data-i18n-aria-label', v); e.setAttribute('aria-label', textOf(v)); }
      else if (k === 'value') e.value = String(v);
      else if (k === 'checked') e.checked = !!v;
      else e.setAttribute(k, String(v));
    }
  }
  return put(e, ...kids);
}
/** Appends nodes and strings (as Text) to `parent`, skipping null/undefined/false. */
export function put(parent, ...kids) {
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    parent.append(kid instanceof Node ? kid : String(kid));
  }
  return parent;
}
// ---------- state and language ----------
export const state = {
  /** The page's language (i18n.js keeps it). */
  get locale() { return locale(); },
  user: null,
  csrf: null,
  /** Bumped on login/logout: answers to requests of an older session are dropped. */
  epoch: 0,
  /** Server clock minus ours, only when they differ enough to matter for "5 min ago". */
  clockSkewMs: 0,
};

function switchLocale(to) {
  setLocale(to);
  applyStatic();
  page.localeChanged();
}

/** The current locale's texts into the markup (data-i18n*), the language buttons, the user's name and the title. */
function applyStatic() {
  applyTexts();
  for (const b of $('lang').querySelectorAll('button[data-locale]')) {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-locale') === state.locale));
  }
  if (state.user) $('me').textContent = state.user.name || state.user.email;
  document.title = t('title');
  page.relabel();
}

// ---------- HTTP ----------
export class Unauthorized extends Error {}
export class Offline extends Error {}

export function setSession(body) {
  state.user = (body && body.user) || state.user;
  state.csrf = str(body && body.csrfToken) || state.csrf;
}

function noteServerClock(res) {
  const server = Date.parse(res.headers.get('date') || '');
  if (!Number.isFinite(server)) return;
  const skew = server - Date.now();
  // The Date header has 1 s resolution: ignore the noise, correct only a wrong client clock.
  state.clockSkewMs = Math.abs(skew) > 90_000 ? skew : 0;
}

/**
 * Resolves {status, ok, body}. JSON by default; `opts.raw = {text, type}` sends a text body
 * (the portfolio CSV). Rejects with Offline when the network fails and with Unauthorized (after
 * going back to the login form) on any 401 except the login's own. Every non-GET carries the
 * session's X-CSRF-Token.
 */
export async function api(method, path, body, opts = {}) {
  const epoch = state.epoch;
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  /** @type {RequestInit} */
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (opts.raw) {
    headers['content-type'] = opts.raw.type;
    init.body = opts.raw.text;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new Offline();
  }
  const text = await res.text().catch(() => '');
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  noteServerClock(res);
  if (res.status === 401 && !opts.login) {
    if (epoch === state.epoch) toLogin(true);
    throw new Unauthorized();
  }
  // The cookie can change under us (a login in another tab): pick up that session's token once.
  if (res.status === 403 && data && data.error === 'csrf' && !opts.retried) {
    const me = await api('GET', '/api/auth/me');
    if (me.ok && me.body && me.body.csrfToken) {
      if (state.user && me.body.user && me.body.user.id !== state.user.id) {
        // Someone else logged in on this browser: start over as them rather than mix two sessions.
        location.reload();
        throw new Unauthorized();
      }
      setSession(me.body);
      return api(method, path, body, { ...opts, retried: true });
    }
  }
  return { status: res.status, ok: res.ok, body: data };
}

/** Runs an action; network and session failures end up as a banner or the login form. */
export async function guard(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Unauthorized) return undefined;
    if (e instanceof Offline) { showError(t('offline')); return undefined; }
    throw e;
  }
}

// ---------- banners ----------
const NOTICE_MS = 4_000;
let noticeTimer = null;
export function showError(text) {
  $('error-text').textContent = text;
  $('error').hidden = false;
}
export function clearError() { $('error').hidden = true; $('error-text').textContent = ''; }
export function showNotice(text) {
  clearTimeout(noticeTimer);
  $('notice').textContent = text;
  $('notice').hidden = false;
  noticeTimer = setTimeout(() => { $('notice').hidden = true; }, NOTICE_MS);
}

// ---------- the page's own parts of the session ----------
const page = {
  /** The session is on (state.user is set, the login form gone): show the app. */
  started: () => {},
  /** The session ended (state.user is null): drop all of it, before the login form shows. */
  stopped: () => {},
  /** An explicit logout, before stopped(). */
  loggedOut: () => {},
  /** The page's sentence for an API error answer. */
  errorText: (res) => `HTTP ${res.status}`,
  /** Texts not in data-i18n markup (a title with a count…), after every applyStatic(). */
  relabel: () => {},
  /** After a language switch: redraw what was built with the old language's texts. */
  localeChanged: () => {},
};

/**
 * Wires the top bar, banners, login form and confirm dialog, then asks the server who is logged
 * in. `parts`: the page's hooks, as in `page` above. Called last by the page's entry module.
 */
export function startPage(parts) {
  Object.assign(page, parts);
  /** @type {HTMLFormElement} */ ($('login-form')).addEventListener('submit', (e) => { void login(e); });
  /** @type {HTMLButtonElement} */ ($('logout')).addEventListener('click', () => { void logout(); });
  /** @type {HTMLButtonElement} */ ($('error-close')).addEventListener('click', clearError);
  $('lang').addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button[data-locale]') : null;
    if (b && b.getAttribute('data-locale') !== state.locale) switchLocale(b.getAttribute('data-locale'));
  });
  /** @type {HTMLButtonElement} */ ($('confirm-ok')).addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('confirm')).close('ok'));
  /** @type {HTMLButtonElement} */ ($('confirm-cancel')).addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('confirm')).close('cancel'));
  void boot();
}

async function boot() {
  applyStatic();
  try {
    const me = await api('GET', '/api/auth/me');
    if (me.status === 200 && me.body && me.body.user) startSession(me.body);
    else {
      toLogin(false);
      loginError(page.errorText(me));
    }
  } catch (e) {
    if (e instanceof Unauthorized) return;
    toLogin(false);
    if (e instanceof Offline) loginError(t('offline'));
    else throw e;
  }
}

function loginError(text) {
  $('login-error').textContent = text;
  $('login-error').hidden = false;
}

function startSession(body) {
  state.epoch += 1;
  setSession(body);
  clearError();
  $('login-error').hidden = true;
  /** @type {HTMLInputElement} */ ($('login-password')).value = '';
  $('login-view').hidden = true;
  $('me').hidden = false;
  /** @type {HTMLButtonElement} */ ($('logout')).hidden = false;
  applyStatic();
  page.started();
}

/** Back to the login form; `expired` when the server ended a session we were using. */
export function toLogin(expired) {
  const wasIn = !!state.user;
  state.epoch += 1;
  state.user = null;
  state.csrf = null;
  if (/** @type {HTMLDialogElement} */ ($('confirm')).open) /** @type {HTMLDialogElement} */ ($('confirm')).close('cancel');
  page.stopped();
  $('app-view').hidden = true;
  /** @type {HTMLButtonElement} */ ($('logout')).hidden = true;
  $('me').hidden = true;
  $('login-view').hidden = false;
  /** @type {HTMLButtonElement} */ ($('login-submit')).disabled = false;
  /** @type {HTMLButtonElement} */ ($('login-submit')).textContent = t('login');
  clearError();
  if (wasIn && expired) loginError(t('sessionExpired'));
  /** @type {HTMLInputElement} */ ($('login-email')).focus();
}

async function login(e) {
  e.preventDefault();
  const email = /** @type {HTMLInputElement} */ ($('login-email')).value.trim();
  const password = /** @type {HTMLInputElement} */ ($('login-password')).value;
  const submit = /** @type {HTMLButtonElement} */ ($('login-submit'));
  $('login-error').hidden = true;
  if (!email || !password) {
    loginError(t('fillCredentials'));
    return;
  }
  submit.disabled = true;
  submit.textContent = t('loggingIn');
  try {
    const res = await api('POST', '/api/auth/login', { email, password }, { login: true });
    if (res.status === 200 && res.body && res.body.user && res.body.csrfToken) {
      startSession(res.body);
      return;
    }
    loginError(res.status === 401 ? t('invalidCredentials') : page.errorText(res));
    /** @type {HTMLInputElement} */ ($('login-password')).select();
  } catch (err) {
    if (!(err instanceof Offline)) throw err;
    loginError(t('offline'));
  } finally {
    submit.disabled = false;
    submit.textContent = t('login');
  }
}

export async function logout() {
  clearError();
  await guard(async () => {
    await api('POST', '/api/auth/logout');
    page.loggedOut();
    toLogin(false);
  });
}

// ---------- formatting ----------
export function money(cents) {
  if (!Number.isSafeInteger(cents)) return '—';
  return new Intl.NumberFormat(state.locale, { style: 'currency', currency: 'BRL' }).format(cents / 100);
}
export function percent(p) {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '—';
  return new Intl.NumberFormat(state.locale, { maximumFractionDigits: 2 }).format(p) + '%';
}
/** "2026-03-31" is a calendar day, not an instant: formatted in UTC so no time zone shifts it. */
export function day(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(iso));
  if (!m) return str(iso) || '—';
  const when = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(state.locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(when);
}
/** An instant as day and time in the browser's time zone; '' when it is not one. */
export function dateTime(iso) {
  const ms = Date.parse(str(iso));
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(state.locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

// ---------- amounts typed by a person (an admin's limits, an agent's payment) ----------
function groupThousands(digits, separator) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
/** Integer cents as an editable amount in reais ("123456" -> "1.234,56"), by string maths only. */
export function centsToInput(cents) {
  if (!Number.isSafeInteger(cents) || cents < 0) return '';
  const digits = String(cents).padStart(3, '0');
  const units = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-2);
  return state.locale === 'en' ? `${groupThousands(units, ',')}.${fraction}` : `${groupThousands(units, '.')},${fraction}`;
}

const THOUSANDS_GROUPED = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
function toCents(units, fraction) {
  // Digits are put side by side as text: no float ever holds the amount ("1234" + "56").
  const digits = `${units || '0'}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const cents = Number(digits);
  return Number.isSafeInteger(cents) ? cents : null;
}
function groupedUnits(s, thousands) {
  if (/^\d+$/.test(s)) return s;
  if (!THOUSANDS_GROUPED.test(s) || s.includes(thousands === '.' ? ',' : '.')) return null;
  return s.split(thousands).join('');
}
/**
 * What a person types in reais -> integer cents, or null. The same reading as the server's
 * parseMoneyInput (src/domain/money.ts): "1.234,56", "1,234.56", "1234,5", "R$ 50"; with both
 * separators the last one is the decimal one; one separator followed by exactly 3 digits groups
 * thousands ("1.234" is 1234,00), followed by 1–2 digits it is the decimal separator.
 */
export function parseReais(input) {
  const s = String(input ?? '').trim().replace(/^R\$\s*/i, '').trim();
  if (s === '' || !/^[\d.,]+$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return toCents(s, '');
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    const fraction = s.slice(at + 1);
    if (!/^\d{1,2}$/.test(fraction)) return null;
    const units = groupedUnits(s.slice(0, at), decimal === '.' ? ',' : '.');
    return units === null ? null : toCents(units, fraction);
  }
  const sep = lastDot !== -1 ? '.' : ',';
  const parts = s.split(sep);
  if (parts.length > 2) {
    const units = groupedUnits(s, sep);
    return units === null ? null : toCents(units, '');
  }
  const [before = '', after = ''] = parts;
  if (/^\d{1,2}$/.test(after)) return toCents(before, after);
  if (after.length === 3 && /^[1-9]\d{0,2}$/.test(before)) return toCents(before + after, '');
  return null;
}
