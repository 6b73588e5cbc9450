// The admins' console (served with admin.html): the section nav, on top of ui-core.js (the login
// form, the session and the language switch, as in the agents' console). Each section is a module
// of its own exporting {id, show(param), relabel(), reset()}; the address bar's #hash names the
// open section (and its item: #flows/negotiation, #debtors/<id>, the dashboard's query:
// #dashboard/from=…&to=…); no hash is the dashboard.
import { errorText } from '/admin-core.js';
import { $, clearError, guard, logout, startPage, state } from '/ui-core.js';
import { dashboardSection } from '/admin-dashboard.js';
import { flowsSection } from '/admin-flows.js';
import { policySection } from '/admin-policy.js';
import { escalationSection } from '/admin-escalation.js';
import { contactSection } from '/admin-contact.js';
import { remindersSection } from '/admin-reminders.js';
import { whatsappTemplatesSection } from '/admin-whatsapp-templates.js';
import { portfolioSection } from '/admin-portfolio.js';
import { debtorsSection } from '/admin-debtors.js';
import { agreementsSection } from '/admin-agreements.js';
import { paymentsSection } from '/admin-payments.js';
import { decisionsSection } from '/admin-decisions.js';
import { identitySection } from '/admin-identity.js';
import { auditSection } from '/admin-audit.js';
import { usersSection } from '/admin-users.js';

const SECTIONS = [dashboardSection, flowsSection, policySection, escalationSection, contactSection, remindersSection, whatsappTemplatesSection, portfolioSection, debtorsSection, agreementsSection, paymentsSection, decisionsSection, identitySection, auditSection, usersSection];
// The landing section: the KPI dashboard a manager opens every morning.
const DEFAULT_SECTION = 'dashboard';

const els = { notAdminView: $('not-admin-view'), appView: $('app-view'), nav: $('nav') };
let current = null;

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

// ---------- the admin console's part of the session (ui-core.js runs the login form) ----------
function startApp() {
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

function stopApp() {
  for (const s of SECTIONS) s.reset();
  current = null;
  els.notAdminView.hidden = true;
}

// ---------- wiring ----------
/** @type {HTMLButtonElement} */ ($('not-admin-logout')).addEventListener('click', () => { void logout(); });
window.addEventListener('hashchange', route);
// A flow draft with unsaved edits is the one thing a reload would lose.
window.addEventListener('beforeunload', (e) => {
  if (state.user && SECTIONS.some((s) => s.dirty && s.dirty())) e.preventDefault();
});

// ---------- start ----------
startPage({
  started: startApp,
  stopped: stopApp,
  errorText,
  localeChanged: () => { for (const s of SECTIONS) s.relabel(); },
});
