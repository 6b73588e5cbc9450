// The admins' console (served with admin.html): login, the section nav, the language switch.
// Each section is a module of its own exporting {id, show(param), relabel(), reset()}; the
// address bar's #hash names the open section (and its item: #flows/negotiation, #debtors/<id>).
import { $, Offline, Unauthorized, api, clearError, closeDialog, errorText, guard, hooks, saveLocale, setSession, state, t } from '/admin-core.js';
import { flowsSection } from '/admin-flows.js';
import { policySection } from '/admin-policy.js';
import { escalationSection } from '/admin-escalation.js';
import { contactSection } from '/admin-contact.js';
import { portfolioSection } from '/admin-portfolio.js';
import { debtorsSection } from '/admin-debtors.js';
import { decisionsSection } from '/admin-decisions.js';
import { auditSection } from '/admin-audit.js';
import { usersSection } from '/admin-users.js';

const SECTIONS = [flowsSection, policySection, escalationSection, contactSection, portfolioSection, debtorsSection, decisionsSection, auditSection, usersSection];
const DEFAULT_SECTION = 'flows';

const els = {
  loginView: $('login-view'), notAdminView: $('not-admin-view'), appView: $('app-view'),
  loginForm: $('login-form'), loginEmail: $('login-email'), loginPassword: $('login-password'),
  loginError: $('login-error'), loginSubmit: $('login-submit'),
  me: $('me'), logout: $('logout'), lang: $('lang'), nav: $('nav'), errorClose: $('error-close'),
};
let current = null;

// ---------- language ----------
function applyStatic() {
  const x = t();
  document.documentElement.lang = state.locale;
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const v = x[e.getAttribute('data-i18n')];
    if (typeof v === 'string') e.textContent = v;
  }
  for (const e of document.querySelectorAll('[data-i18n-aria-label]')) {
    const v = x[e.getAttribute('data-i18n-aria-label')];
    if (typeof v === 'string') e.setAttribute('aria-label', v);
  }
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) {
    const v = x[e.getAttribute('data-i18n-placeholder')];
    if (typeof v === 'string') e.setAttribute('placeholder', v);
  }
  for (const b of els.lang.querySelectorAll('button[data-locale]')) {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-locale') === state.locale));
  }
  if (state.user) els.me.textContent = state.user.name || state.user.email;
  document.title = x.title;
}
function setLocale(locale) {
  saveLocale(locale);
  applyStatic();
  for (const s of SECTIONS) s.relabel();
}

// ---------- sections ----------
function parseHash() {
  const raw = location.hash.replace(/^#/, '');
  const cut = raw.indexOf('/');
  const id = cut === -1 ? raw : raw.slice(0, cut);
  let param = null;
  try { param = cut === -1 ? null : decodeURIComponent(raw.slice(cut + 1)) || null; } catch { param = null; }
  const section = SECTIONS.find((s) => s.id === id);
  return section ? { section, param } : { section: SECTIONS.find((s) => s.id === DEFAULT_SECTION), param: null };
}

function route() {
  if (!state.user || state.user.role !== 'admin') return;
  const { section, param } = parseHash();
  for (const s of SECTIONS) $(`section-${s.id}`).hidden = s !== section;
  for (const a of els.nav.querySelectorAll('a[data-section]')) {
    if (a.getAttribute('data-section') === section.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (current !== section) clearError();
  current = section;
  void guard(() => section.show(param));
}

// ---------- login / session ----------
function startApp(body) {
  state.epoch += 1;
  setSession(body);
  clearError();
  els.loginError.hidden = true;
  els.loginPassword.value = '';
  els.loginView.hidden = true;
  els.me.hidden = false;
  els.logout.hidden = false;
  applyStatic();
  // The admin API refuses an agent's session (403); say so once instead of an error per request.
  if (state.user.role !== 'admin') {
    els.notAdminView.hidden = false;
    els.appView.hidden = true;
    return;
  }
  els.notAdminView.hidden = true;
  els.appView.hidden = false;
  current = null;
  route();
}

/** Back to the login form; `expired` when the server ended a session we were using. */
function toLogin(expired) {
  const wasIn = !!state.user;
  state.epoch += 1;
  state.user = null;
  state.csrf = null;
  closeDialog();
  for (const s of SECTIONS) s.reset();
  current = null;
  els.appView.hidden = true;
  els.notAdminView.hidden = true;
  els.logout.hidden = true;
  els.me.hidden = true;
  els.loginView.hidden = false;
  els.loginSubmit.disabled = false;
  els.loginSubmit.textContent = t().login;
  clearError();
  if (wasIn && expired) {
    els.loginError.textContent = t().sessionExpired;
    els.loginError.hidden = false;
  }
  els.loginEmail.focus();
}
hooks.unauthorized = toLogin;

async function login(e) {
  e.preventDefault();
  const email = els.loginEmail.value.trim();
  const password = els.loginPassword.value;
  els.loginError.hidden = true;
  if (!email || !password) {
    els.loginError.textContent = t().fillCredentials;
    els.loginError.hidden = false;
    return;
  }
  els.loginSubmit.disabled = true;
  els.loginSubmit.textContent = t().loggingIn;
  try {
    const res = await api('POST', '/api/auth/login', { email, password }, { login: true });
    if (res.status === 200 && res.body && res.body.user && res.body.csrfToken) {
      startApp(res.body);
      return;
    }
    els.loginError.textContent = res.status === 401 ? t().invalidCredentials : errorText(res);
    els.loginError.hidden = false;
    els.loginPassword.select();
  } catch (err) {
    if (!(err instanceof Offline)) throw err;
    els.loginError.textContent = t().offline;
    els.loginError.hidden = false;
  } finally {
    els.loginSubmit.disabled = false;
    els.loginSubmit.textContent = t().login;
  }
}

async function logout() {
  clearError();
  await guard(async () => {
    await api('POST', '/api/auth/logout');
    toLogin(false);
  });
}

// ---------- wiring ----------
els.loginForm.addEventListener('submit', (e) => { void login(e); });
els.logout.addEventListener('click', () => { void logout(); });
$('not-admin-logout').addEventListener('click', () => { void logout(); });
els.errorClose.addEventListener('click', clearError);
els.lang.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button[data-locale]') : null;
  if (b && b.getAttribute('data-locale') !== state.locale) setLocale(b.getAttribute('data-locale'));
});
$('confirm-ok').addEventListener('click', () => $('confirm').close('ok'));
$('confirm-cancel').addEventListener('click', () => $('confirm').close('cancel'));
window.addEventListener('hashchange', route);
// A flow draft with unsaved edits is the one thing a reload would lose.
window.addEventListener('beforeunload', (e) => {
  if (state.user && SECTIONS.some((s) => s.dirty && s.dirty())) e.preventDefault();
});

// ---------- start ----------
async function boot() {
  applyStatic();
  try {
    const me = await api('GET', '/api/auth/me');
    if (me.status === 200 && me.body && me.body.user) startApp(me.body);
    else {
      toLogin(false);
      els.loginError.textContent = errorText(me);
      els.loginError.hidden = false;
    }
  } catch (e) {
    if (e instanceof Unauthorized) return;
    toLogin(false);
    if (e instanceof Offline) { els.loginError.textContent = t().offline; els.loginError.hidden = false; }
    else throw e;
  }
}
void boot();
