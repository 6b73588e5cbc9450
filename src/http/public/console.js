// The agents' console (served with console.html). Vanilla JS, no build step. The login form, the
// session, the API client and the DOM helpers are ui-core.js's, shared with the admins' console.
// Contract: DESIGN.md "Agent API" and "Accounts". Everything that comes from the API is put in the
// DOM with textContent / createElement only (debtor text above all): no innerHTML, no eval.
/** @import { ConversationMessage, ConversationView, HandoffItem } from './api.js' */
import { TEXT } from '/console-text.js';
import {
  $, Offline, Unauthorized, api, clearError, dateTime, day, enc, guard, h, label, money, percent, put,
  setSession, showError, showNotice, startPage, state, str, t, useTexts,
} from '/ui-core.js';

useTexts(TEXT, 'cordial.console.locale');
const MAX_TEXT = 4000;
const COUNTER_FROM = 3600;
// EventSource is the live path; the timer only covers a stream that died silently.
const QUEUE_REFRESH_MS = 20_000;
const WAITING_TICK_MS = 30_000;
const EVENTS_RETRY_MS = [2_000, 5_000, 10_000, 30_000];

// ---------- state ----------
// ui-core's state holds the session (locale, user, csrf, epoch, clockSkewMs); the console adds its own.
Object.assign(state, {
  handoffs: [],
  queueItems: new Map(),
  /** The running fetch (a promise) or null. */
  queueLoading: null,
  queueDirty: false,
  selectedId: null,
  conv: null,
  convLoading: null,
  convDirty: false,
  msgEls: new Map(),
  panelSig: '',
  es: null,
  esDown: false,
  esRetry: 0,
  esTimer: null,
  timers: [],
  queueSoon: null,
  convSoon: null,
});

const els = {
  appView: $('app-view'), live: $('live'),
  queue: $('queue'), queueEmpty: $('queue-empty'), queueCount: $('queue-count'),
  convEmpty: $('conv-empty'), convBody: $('conv-body'), convTitle: $('conv-title'), convMeta: $('conv-meta'),
  convHandoff: $('conv-handoff'), convClaim: /** @type {HTMLButtonElement} */ ($('conv-claim')), identity: $('identity'), messages: $('messages'),
  replyForm: /** @type {HTMLFormElement} */ ($('reply-form')), replyText: /** @type {HTMLTextAreaElement} */ ($('reply-text')), replySend: /** @type {HTMLButtonElement} */ ($('reply-send')), replyHint: $('reply-hint'),
  replyCounter: $('reply-counter'), replyError: $('reply-error'),
  noteForm: /** @type {HTMLFormElement} */ ($('note-form')), noteText: /** @type {HTMLTextAreaElement} */ ($('note-text')), noteSend: /** @type {HTMLButtonElement} */ ($('note-send')), noteError: $('note-error'),
  handback: /** @type {HTMLButtonElement} */ ($('handback')), close: /** @type {HTMLButtonElement} */ ($('close')), actionsHint: $('actions-hint'),
  offerForm: /** @type {HTMLFormElement} */ ($('offer-form')), offerFieldset: /** @type {HTMLFieldSetElement} */ ($('offer-fieldset')), offerHint: $('offer-hint'), offerKind: /** @type {HTMLSelectElement} */ ($('offer-kind')),
  offerDiscount: /** @type {HTMLInputElement} */ ($('offer-discount')), offerInstallments: /** @type {HTMLInputElement} */ ($('offer-installments')), offerInstallmentsField: $('offer-installments-field'),
  offerDiscountField: $('offer-discount-field'),
  offerFirstDue: /** @type {HTMLInputElement} */ ($('offer-first-due')), offerError: $('offer-error'), offerSubmit: /** @type {HTMLButtonElement} */ ($('offer-submit')),
  offerDiscountHint: $('offer-discount-hint'), offerInstallmentsHint: $('offer-installments-hint'), offerFirstDueHint: $('offer-first-due-hint'),
  debtorBody: $('debtor-body'), confirm: /** @type {HTMLDialogElement} */ ($('confirm')), confirmText: $('confirm-text'), confirmOk: /** @type {HTMLButtonElement} */ ($('confirm-ok')), confirmCancel: /** @type {HTMLButtonElement} */ ($('confirm-cancel')),
};
const OFFER_FIELDS = {
  kind: els.offerKind,
  discountPercent: els.offerDiscount,
  installments: els.offerInstallments,
  firstDueDate: els.offerFirstDue,
};

// ---------- formatting (money, day, dateTime and percent are ui-core's) ----------
function clock(iso) {
  const ms = Date.parse(str(iso));
  if (!Number.isFinite(ms)) return '';
  const sameDay = new Date(ms).toDateString() === new Date().toDateString();
  /** @type {Intl.DateTimeFormatOptions} */
  const opts = sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(state.locale, opts).format(ms);
}
function ago(iso) {
  const ms = Date.parse(str(iso));
  if (!Number.isFinite(ms)) return '';
  const min = Math.max(0, Math.floor((Date.now() + state.clockSkewMs - ms) / 60_000));
  if (min < 1) return t().justNow;
  if (min < 60) return t().agoMin(min);
  const hours = Math.floor(min / 60);
  if (hours < 24) return t().agoHour(hours, min % 60);
  return t().agoDay(Math.floor(hours / 24), hours % 24);
}
/** A <time> that tick() keeps saying "há 5 min" on; the exact instant is in its tooltip. */
function waitingEl(iso) {
  return h('time', { class: 'waiting', datetime: str(iso), 'data-since': str(iso), title: dateTime(iso), text: ago(iso) });
}
function tickWaiting() {
  for (const e of document.querySelectorAll('time[data-since]')) e.textContent = ago(e.getAttribute('data-since'));
}
/**
 * A hand-off's detail is free-form: a sentence, or an object with the bot's facts at the time
 * (state, round, last offer). Sentences show as they are; facts only in the conversation's
 * collapsed "technical details", as indented JSON text.
 */
function detailSentence(detail) {
  return typeof detail === 'string' ? detail : '';
}
function detailFacts(detail) {
  if (!detail || typeof detail !== 'object' || !Object.keys(detail).length) return '';
  return JSON.stringify(detail, null, 2);
}
function debtorName(d) {
  return d && typeof d.name === 'string' && d.name ? d.name : null;
}

// ---------- API errors ----------
/** A localized sentence for an API error answer. */
function errorText(res) {
  const b = res.body || {};
  switch (b.error) {
    case 'claimed_by_other': return t().claimedByOther(str(b.agent && b.agent.name) || t().someone);
    case 'not_handed_off': return t().notHandedOff;
    case 'no_handoff': return t().noHandoff;
    case 'identity_not_verified': return t().identityNotVerified;
    case 'forbidden': return t().forbidden;
    case 'rate_limited': return t().rateLimited;
    default: break;
  }
  if (res.status === 404) return t().notFound;
  if (res.status === 429) return t().rateLimited;
  if (res.status >= 500) return t().serverError;
  return str(b.message) || `HTTP ${res.status}`;
}

// ---------- the console's part of the session (ui-core.js runs the login form) ----------
function updateTitle() {
  const pending = state.handoffs.filter((x) => x && x.status === 'pending').length;
  document.title = (state.user && pending ? `(${pending}) ` : '') + t().title;
}

function startApp() {
  els.appView.hidden = false;
  void loadQueue();
  openEvents();
  state.timers.push(setInterval(() => { void loadQueue(); if (!eventsOpen()) scheduleConversation(); }, QUEUE_REFRESH_MS));
  state.timers.push(setInterval(tickWaiting, WAITING_TICK_MS));
  // The open conversation is kept in the address so a reload (or a new login) goes back to it.
  const fromHash = /^#conversation=(.+)$/.exec(location.hash);
  let id = null;
  try { id = fromHash ? decodeURIComponent(fromHash[1]) : null; } catch { id = null; }
  if (id) void select(id);
}

/** The session ended: no more events, timers, queue or open conversation. */
function stopApp() {
  closeEvents();
  for (const id of state.timers) clearInterval(id);
  state.timers = [];
  clearTimeout(state.queueSoon); state.queueSoon = null;
  clearTimeout(state.convSoon); state.convSoon = null;
  state.handoffs = [];
  state.queueItems.clear();
  els.queue.textContent = '';
  deselect();
  els.live.hidden = true;
  updateTitle();
}

// ---------- live updates ----------
function setLive(s) {
  if (!s) { els.live.hidden = true; return; }
  els.live.setAttribute('data-state', s);
  els.live.textContent = s === 'live' ? t().live : t().reconnecting;
  els.live.hidden = false;
}
const eventsOpen = () => !!state.es && state.es.readyState === EventSource.OPEN;

function openEvents() {
  if (state.es) state.es.close();
  clearTimeout(state.esTimer);
  const es = new EventSource('/api/agent/events');
  state.es = es;
  es.addEventListener('open', () => {
    if (state.es !== es) return;
    state.esRetry = 0;
    setLive('live');
    // Changes made while the stream was down were never announced.
    if (state.esDown) { scheduleQueue(); scheduleConversation(); }
    state.esDown = false;
  });
  es.addEventListener('change', (ev) => {
    if (state.es !== es) return;
    let data = null;
    try { data = JSON.parse(ev.data); } catch { data = null; }
    scheduleQueue();
    const id = data && typeof data.conversationId === 'string' ? data.conversationId : null;
    if (!id || id === state.selectedId) scheduleConversation();
  });
  es.addEventListener('error', () => {
    if (state.es !== es) return;
    state.esDown = true;
    setLive('reconnecting');
    // EventSource retries by itself, except after an HTTP error answer (a 401 for one): then it
    // stays CLOSED, so we ask who we are (a 401 there goes to the login form) and open a new one.
    if (es.readyState === EventSource.CLOSED) reopenEventsLater(es);
  });
}
function reopenEventsLater(es) {
  const delay = EVENTS_RETRY_MS[Math.min(state.esRetry, EVENTS_RETRY_MS.length - 1)];
  state.esRetry += 1;
  clearTimeout(state.esTimer);
  const epoch = state.epoch;
  const current = () => epoch === state.epoch && state.es === es;
  state.esTimer = setTimeout(async () => {
    if (!current()) return;
    try {
      const me = await api('GET', '/api/auth/me');
      if (!current()) return;
      if (me.ok && me.body) setSession(me.body);
      openEvents();
    } catch (e) {
      if (e instanceof Offline && current()) reopenEventsLater(es);
      else if (!(e instanceof Unauthorized)) throw e;
    }
  }, delay);
}
function closeEvents() {
  clearTimeout(state.esTimer);
  state.esTimer = null;
  if (state.es) state.es.close();
  state.es = null;
  state.esDown = false;
  state.esRetry = 0;
  setLive(null);
}
/** Bursts of events (a message and its hand-off) become one fetch. */
function scheduleQueue() {
  if (state.queueSoon) return;
  state.queueSoon = setTimeout(() => { state.queueSoon = null; void loadQueue(); }, 150);
}
function scheduleConversation() {
  if (!state.selectedId || state.convSoon) return;
  state.convSoon = setTimeout(() => { state.convSoon = null; void loadConversation(); }, 150);
}

// ---------- queue ----------
/** One fetch at a time; calls during a fetch make one more afterwards. Resolves when all are done. */
function loadQueue() {
  if (state.queueLoading) { state.queueDirty = true; return state.queueLoading; }
  state.queueLoading = (async () => {
    try {
      do {
        state.queueDirty = false;
        await fetchQueueOnce();
      } while (state.queueDirty);
    } finally {
      state.queueLoading = null;
    }
  })();
  return state.queueLoading;
}

async function fetchQueueOnce() {
  if (!state.user) return;
  const epoch = state.epoch;
  try {
    const res = await api('GET', '/api/agent/handoffs');
    if (epoch !== state.epoch) return;
    if (res.status === 200 && res.body && Array.isArray(res.body.handoffs)) {
      state.handoffs = res.body.handoffs.filter((x) => x && typeof x.conversationId === 'string');
      renderQueue();
    } else {
      showError(errorText(res));
    }
  } catch (e) {
    // A failed background refresh is retried by the next event or timer; no banner for it.
    if (!(e instanceof Unauthorized) && !(e instanceof Offline)) throw e;
  }
}

function renderQueue() {
  const seen = new Set();
  let prev = null;
  for (const item of state.handoffs) {
    const id = item.conversationId;
    seen.add(id);
    let q = state.queueItems.get(id);
    if (!q) { q = createQueueItem(id); state.queueItems.set(id, q); }
    updateQueueItem(q, item);
    const want = prev ? prev.nextSibling : els.queue.firstChild;
    if (q.li !== want) els.queue.insertBefore(q.li, want);
    prev = q.li;
  }
  for (const [id, q] of state.queueItems) {
    if (!seen.has(id)) { q.li.remove(); state.queueItems.delete(id); }
  }
  const pending = state.handoffs.filter((x) => x.status === 'pending').length;
  els.queueEmpty.hidden = state.handoffs.length > 0;
  els.queueCount.textContent = state.handoffs.length ? t().queueCount(pending, state.handoffs.length) : '';
  updateTitle();
}

/** Items keep their elements across refreshes so focus and clicks are not lost every 20 s. */
function createQueueItem(id) {
  const li = h('li', { class: 'queue-item', 'data-testid': 'queue-item', 'data-conversation-id': id });
  const open = h('button', { type: 'button', class: 'q-open', 'data-testid': 'queue-open' });
  const reason = h('span', { class: 'q-reason', 'data-testid': 'queue-reason' });
  const detail = h('span', { class: 'q-detail' });
  const who = h('span', { class: 'q-who', 'data-testid': 'queue-debtor' });
  const meta = h('span', { class: 'q-meta' });
  const preview = h('span', { class: 'q-preview' });
  open.append(reason, detail, who, meta, preview);
  const status = h('span', { class: 'q-status', 'data-testid': 'queue-status' });
  const claimBtn = h('button', { type: 'button', class: 'btn primary small', 'data-testid': 'claim' });
  li.append(open, h('div', { class: 'q-foot' }, status, claimBtn));
  open.addEventListener('click', () => { void select(id); });
  claimBtn.addEventListener('click', () => { void claim(id, claimBtn); });
  return { li, reason, detail, who, meta, preview, status, claimBtn };
}

/** @param {HandoffItem} item */
function holderText(item) {
  if (item.status === 'pending') return t().pending;
  const agent = item.agent;
  if (agent && state.user && agent.id === state.user.id) return t().withYou;
  return t().openBy(str(agent && agent.name) || t().someone);
}

/** @param {HandoffItem} item */
function updateQueueItem(q, item) {
  const x = t();
  q.li.className = `queue-item ${item.status === 'pending' ? 'pending' : 'open'}`;
  q.li.setAttribute('data-status', str(item.status));
  if (item.conversationId === state.selectedId) q.li.setAttribute('aria-current', 'true');
  else q.li.removeAttribute('aria-current');
  q.reason.textContent = label(x.reasons, item.reason);
  const detail = detailSentence(item.detail);
  q.detail.textContent = detail;
  q.detail.hidden = !detail;
  const name = debtorName(item.debtor);
  q.who.textContent = name || x.notIdentified;
  q.who.classList.toggle('unknown', !name);
  q.meta.textContent = '';
  put(q.meta,
    h('span', { 'data-testid': 'queue-channel', text: label(x.channels, item.channel) }),
    waitingEl(item.since),
    str(item.locale).toLowerCase().startsWith('en') ? h('span', { class: 'badge', text: 'EN' }) : null,
    item.waitingNoticeSent ? h('span', { class: 'badge warn', text: x.waitingNotice }) : null,
  );
  const last = item.lastMessage;
  q.preview.textContent = last ? (typeof last.text === 'string' ? last.text : x.sending) : '';
  q.preview.hidden = !last;
  q.status.textContent = holderText(item);
  q.claimBtn.textContent = x.claim;
  q.claimBtn.hidden = item.status !== 'pending';
  q.claimBtn.setAttribute('aria-label', `${x.claim}: ${label(x.reasons, item.reason)} · ${name || x.notIdentified}`);
}

async function claim(id, btn) {
  clearError();
  if (btn) btn.disabled = true;
  const epoch = state.epoch;
  try {
    await guard(async () => {
      const res = await api('POST', `/api/agent/handoffs/${enc(id)}/claim`);
      if (epoch !== state.epoch) return;
      if (res.status === 200 && res.body && res.body.handoff) {
        const hItem = res.body.handoff;
        state.handoffs = state.handoffs.map((x) => (x.conversationId === id ? hItem : x));
        renderQueue();
        showNotice(t().claimed);
        await select(id, { force: true });
        if (epoch === state.epoch && state.selectedId === id && !els.replyText.disabled) els.replyText.focus();
        return;
      }
      showError(errorText(res));
      void loadQueue();
      if (state.selectedId === id) scheduleConversation();
    });
  } finally {
    if (btn) btn.disabled = false;
  }
}

// ---------- conversation ----------
function deselect() {
  state.selectedId = null;
  state.conv = null;
  state.msgEls.clear();
  state.panelSig = '';
  els.messages.textContent = '';
  els.debtorBody.textContent = '';
  els.convBody.hidden = true;
  els.convEmpty.hidden = false;
}

async function select(id, opts = {}) {
  clearError();
  if (id !== state.selectedId) {
    deselect();
    state.selectedId = id;
    els.convEmpty.hidden = true;
    els.replyText.value = '';
    els.noteText.value = '';
    els.replyError.hidden = true;
    els.noteError.hidden = true;
    delete els.convHandoff.dataset.factsOpen;
    resetOfferForm();
    history.replaceState(null, '', `#conversation=${enc(id)}`);
  } else if (!opts.force && state.conv) {
    return;
  }
  for (const [cid, q] of state.queueItems) {
    if (cid === id) q.li.setAttribute('aria-current', 'true');
    else q.li.removeAttribute('aria-current');
  }
  await loadConversation();
}

/** Same pattern as loadQueue; each fetch is for whichever conversation is selected by then. */
function loadConversation() {
  if (state.convLoading) { state.convDirty = true; return state.convLoading; }
  state.convLoading = (async () => {
    try {
      do {
        state.convDirty = false;
        await fetchConversationOnce();
      } while (state.convDirty);
    } finally {
      state.convLoading = null;
    }
  })();
  return state.convLoading;
}

async function fetchConversationOnce() {
  const id = state.selectedId;
  if (!id || !state.user) return;
  const epoch = state.epoch;
  try {
    const res = await api('GET', `/api/agent/conversations/${enc(id)}`);
    if (epoch !== state.epoch || id !== state.selectedId) return;
    if (res.status === 200 && res.body && res.body.conversation) {
      state.conv = res.body;
      renderConversation(res.body);
    } else if (res.status === 404) {
      deselect();
      history.replaceState(null, '', location.pathname + location.search);
      showError(t().notFound);
    } else {
      showError(errorText(res));
    }
  } catch (e) {
    if (!(e instanceof Unauthorized) && !(e instanceof Offline)) throw e;
    if (e instanceof Offline && !state.conv) showError(t().offline);
  }
}

/**
 * What this agent may do now; the server has the last word and answers 409 otherwise.
 * @param {ConversationView} data
 */
function permissions(data) {
  /** @type {Partial<ConversationView['conversation']>} */
  const conv = data.conversation || {};
  const ho = data.handoff;
  const me = state.user || {};
  const mine = !!(ho && ho.status === 'open' && ho.agent && ho.agent.id === me.id);
  const heldByOther = !!(ho && ho.status === 'open' && !mine);
  // Whether an admin may take over someone else's conversation is the server's call.
  const blocked = heldByOther && me.role !== 'admin';
  const active = !!ho && conv.status !== 'closed';
  return {
    conv, ho, mine, heldByOther, active,
    canClaim: active && ho.status === 'pending',
    canAct: active && !blocked,
    canOffer: active && !blocked && conv.verified === true,
  };
}

/** @param {ConversationView} data */
function renderConversation(data) {
  const x = t();
  const p = permissions(data);
  const { conv, ho } = p;
  els.convBody.hidden = false;
  els.convEmpty.hidden = true;
  els.convBody.setAttribute('data-id', str(conv.id));
  els.convBody.setAttribute('data-status', str(conv.status));

  const name = debtorName(data.debtor) || debtorName(ho && ho.debtor);
  els.convTitle.textContent = name || x.notIdentified;
  els.convMeta.textContent = [
    label(x.channels, conv.channel),
    label(x.convStatus, conv.status),
    conv.locale ? x.locale(String(conv.locale)) : '',
    conv.createdAt ? x.since(dateTime(conv.createdAt)) : '',
  ].filter(Boolean).join(' · ');
  els.convHandoff.textContent = '';
  if (ho) {
    put(els.convHandoff,
      h('strong', { text: label(x.reasons, ho.reason) }),
      detailSentence(ho.detail) ? ` — ${detailSentence(ho.detail)}` : '',
      ' · ', waitingEl(ho.since), ' · ', holderText(ho),
    );
    const facts = detailFacts(ho.detail);
    if (facts) {
      // Kept open across refetches: the agent opened it on purpose.
      const wasOpen = !!els.convHandoff.dataset.factsOpen;
      const box = h('details', { class: 'facts-box', open: wasOpen ? '' : null }, h('summary', { text: x.technicalDetails }), h('pre', { text: facts }));
      box.addEventListener('toggle', () => { if (box.open) els.convHandoff.dataset.factsOpen = '1'; else delete els.convHandoff.dataset.factsOpen; });
      put(els.convHandoff, box);
    }
  }
  els.convHandoff.hidden = !ho;

  els.identity.setAttribute('data-verified', String(conv.verified === true));
  els.identity.textContent = conv.verified === true ? x.verified : x.notVerified;

  renderMessages(Array.isArray(data.messages) ? data.messages : []);

  // Buttons and hints.
  els.convClaim.hidden = !p.canClaim;
  els.convClaim.textContent = x.claim;
  let hint = '';
  if (conv.status === 'closed') hint = x.closed;
  else if (!ho) hint = x.withBot;
  else if (p.heldByOther) hint = x.heldBy(str(ho.agent && ho.agent.name) || x.someone);
  else if (ho.status === 'pending') hint = x.pendingHint;
  els.actionsHint.textContent = hint;
  els.actionsHint.hidden = !hint;
  els.replyHint.textContent = x.enterHint;
  els.replyText.disabled = !p.canAct;
  els.replySend.disabled = !p.canAct;
  els.handback.disabled = !p.canAct;
  els.close.disabled = !p.canAct;
  els.noteText.disabled = false;
  els.noteSend.disabled = false;
  els.offerFieldset.disabled = !p.canOffer;
  const offerHint = p.canOffer ? '' : (p.canAct && conv.verified !== true ? x.needsVerification : hint);
  els.offerHint.textContent = offerHint;
  els.offerHint.hidden = !offerHint;
  renderPolicyHints(data.policy);

  const sig = JSON.stringify([state.locale, data.debtor, data.invoices, data.offers, data.agreements, data.handoffs]);
  if (sig !== state.panelSig) {
    state.panelSig = sig;
    renderDebtorPanel(data);
  }
}

function nearBottom(e) { return e.scrollHeight - e.scrollTop - e.clientHeight < 80; }

/** Keyed by seq: a refetch updates changed messages in place and only appends new ones. */
/** @param {ConversationMessage[]} list */
function renderMessages(list) {
  const box = els.messages;
  const first = state.msgEls.size === 0;
  const stick = first || nearBottom(box);
  const sorted = list.filter((m) => m && typeof m.seq === 'number').sort((a, b) => a.seq - b.seq);
  const seen = new Set();
  let prev = null;
  for (const m of sorted) {
    const key = `${m.kind === 'note' ? 'n' : 'm'}${m.seq}`;
    seen.add(key);
    let entry = state.msgEls.get(key);
    if (!entry) {
      entry = { li: h('li', { 'data-testid': 'message' }), sig: '' };
      state.msgEls.set(key, entry);
    }
    const sig = JSON.stringify([state.locale, m.text, m.delivery, m.agent, m.attachment, m.at, m.from, m.kind]);
    if (sig !== entry.sig) { fillMessage(entry.li, m); entry.sig = sig; }
    const want = prev ? prev.nextSibling : box.firstChild;
    if (entry.li !== want) box.insertBefore(entry.li, want);
    prev = entry.li;
  }
  for (const [key, entry] of state.msgEls) {
    if (!seen.has(key)) { entry.li.remove(); state.msgEls.delete(key); }
  }
  if (stick) box.scrollTop = box.scrollHeight;
}

/** @param {HTMLElement} li @param {ConversationMessage} m */
function fillMessage(li, m) {
  const x = t();
  const from = ['debtor', 'bot', 'agent', 'system'].includes(m.from) ? m.from : 'system';
  const kind = m.kind === 'note' ? 'note' : 'message';
  const sending = m.text === null || m.text === undefined;
  li.className = `msg from-${from} kind-${kind}${sending ? ' sending' : ''}`;
  // Notes say "note" here so that [data-from=agent] means exactly what the debtor got from people.
  li.setAttribute('data-from', kind === 'note' ? 'note' : from);
  li.setAttribute('data-kind', kind);
  li.setAttribute('data-seq', String(m.seq));
  const agentName = str(m.agent && m.agent.name);
  let who;
  if (kind === 'note') who = `${x.note} · ${agentName || x.agent}`;
  else if (from === 'agent') who = agentName || x.agent;
  else who = from === 'debtor' ? x.debtor : from === 'bot' ? x.bot : x.system;
  const foot = [];
  if (m.attachment && typeof m.attachment === 'object') foot.push(h('span', { text: x.attachment(str(m.attachment.type) || '?') }));
  if (kind === 'message' && m.delivery && m.delivery !== 'sent' && from !== 'debtor') {
    foot.push(h('span', { class: `delivery-${str(m.delivery)}`, 'data-testid': 'message-delivery', text: label(x.delivery, m.delivery) }));
  }
  li.textContent = '';
  put(li,
    h('div', { class: 'msg-head' }, h('span', { class: 'msg-who', text: who }), h('time', { datetime: str(m.at), title: dateTime(m.at), text: clock(m.at) })),
    h('div', { class: 'msg-text', 'data-testid': 'message-text', text: sending ? x.sending : m.text }),
    foot.length ? h('div', { class: 'msg-foot' }, foot) : null,
  );
}

/** @param {ConversationView['policy']} policy */
function renderPolicyHints(policy) {
  const x = t();
  const maxDiscount = policy && policy.cash && policy.cash.maxDiscountPercent;
  const maxInst = policy && policy.installments && policy.installments.max;
  const dueDays = policy && policy.firstDueInDays && policy.firstDueInDays.max;
  els.offerDiscountHint.textContent = typeof maxDiscount === 'number' ? x.maxDiscount(percent(maxDiscount)) : '';
  els.offerInstallmentsHint.textContent = Number.isInteger(maxInst) ? x.maxInstallments(maxInst) : '';
  els.offerFirstDueHint.textContent = Number.isInteger(dueDays) ? x.firstDueWithin(dueDays) : '';
  if (Number.isInteger(maxInst)) els.offerInstallments.max = String(maxInst);
}

// ---------- debtor panel ----------
function section(title, body) {
  return [h('h4', { text: title }), body];
}
function emptyOr(list, build) {
  return Array.isArray(list) && list.length ? build(list) : h('p', { class: 'muted small', text: t().none });
}

/** @param {ConversationView} data */
function renderDebtorPanel(data) {
  const x = t();
  const box = els.debtorBody;
  box.textContent = '';
  const d = data.debtor;
  if (!d) {
    box.append(h('p', { class: 'muted', 'data-testid': 'debtor-unknown', text: x.debtorUnknown }));
  } else {
    put(box,
      h('dl', { class: 'facts' },
        h('dt', { text: x.name }), h('dd', { 'data-testid': 'debtor-name', text: str(d.name) || '—' }),
        h('dt', { text: x.cnpj }), h('dd', { 'data-testid': 'debtor-cnpj', text: str(d.cnpj) || '—' })),
      ...section(x.contacts, emptyOr(d.contacts, (list) => h('ul', { class: 'plain', 'data-testid': 'contacts' }, list.map((c) => h('li', { 'data-testid': 'contact' },
        h('div', { class: 'line-1' }, str(c.name) || '—', c.optedOut ? ' ' : null, c.optedOut ? h('span', { class: 'badge bad', text: x.optedOut }) : null),
        h('div', { class: 'line-2', text: [str(c.phone), str(c.email)].filter(Boolean).join(' · ') || '—' })))))),
    );
  }

  box.append(...section(x.invoices, emptyOr(data.invoices, (list) => {
    const open = list.filter((i) => i && i.status === 'open' && Number.isSafeInteger(i.amountCents));
    const total = open.reduce((s, i) => s + i.amountCents, 0);
    return h('div', { class: 'table-wrap' },
      h('table', { 'data-testid': 'invoices' },
        h('thead', null, h('tr', null, h('th', { text: x.invoice }), h('th', { class: 'num', text: x.amount }), h('th', { text: x.dueDate }), h('th', { text: x.status }))),
        h('tbody', null, list.map((i) => h('tr', { 'data-testid': 'invoice' },
          h('td', { text: str(i.number) }), h('td', { class: 'num', text: money(i.amountCents) }), h('td', { text: day(i.dueDate) }), h('td', { text: label(x.invoiceStatus, i.status) }))))),
      open.length ? h('p', { class: 'total', 'data-testid': 'invoices-open-total', text: `${x.openTotal}: ${money(total)}` }) : null);
  })));

  box.append(...section(x.offers, emptyOr(data.offers, (list) => h('ul', { class: 'plain', 'data-testid': 'offers' }, list.map((o) => {
    const terms = [money(o.totalCents)];
    if (typeof o.discountPercent === 'number' && o.discountPercent > 0) terms.push(x.discountOf(percent(o.discountPercent)));
    if (o.kind === 'installments' && Number.isInteger(o.installments)) terms.push(x.instalmentsOf(o.installments, money(o.installmentCents)));
    if (o.firstDueDate) terms.push(x.firstDueOn(day(o.firstDueDate)));
    const about = [label(x.sources, o.source), label(x.offerStatus, o.status)];
    if (Number.isInteger(o.round)) about.push(x.round(o.round));
    if (o.createdAt) about.push(dateTime(o.createdAt));
    return h('li', { 'data-testid': 'offer', 'data-source': str(o.source), 'data-status': str(o.status) },
      h('div', { class: 'line-1', text: `${label(x.kinds, o.kind)} · ${terms.join(' · ')}` }),
      h('div', { class: 'line-2', text: about.join(' · ') }));
  })))));

  box.append(...section(x.agreements, emptyOr(data.agreements, (list) => h('ul', { class: 'plain', 'data-testid': 'agreements' }, list.map((a) => {
    const insts = Array.isArray(a.installments) ? a.installments : [];
    return h('li', { 'data-testid': 'agreement', 'data-status': str(a.status) },
      h('div', { class: 'line-1', text: `${label(x.kinds, a.kind)} · ${x.total} ${money(a.totalCents)}` }),
      h('div', { class: 'line-2', text: [`${x.debt} ${money(a.debtCents)}`, label(x.agreementStatus, a.status), dateTime(a.createdAt)].filter(Boolean).join(' · ') }),
      insts.length ? h('table', null,
        h('thead', null, h('tr', null, h('th', { text: '#' }), h('th', { text: x.dueDate }), h('th', { class: 'num', text: x.amount }), h('th', { text: x.status }))),
        h('tbody', null, insts.map((i) => [
          h('tr', { 'data-testid': 'agreement-installment' },
            h('td', { text: String(i.n ?? '') }), h('td', { text: day(i.dueDate) }), h('td', { class: 'num', text: money(i.amountCents) }), h('td', { text: label(x.instalmentStatus, i.status) })),
          str(i.pixCode) ? h('tr', null, h('td', { colspan: '4' }, pixField(i))) : null,
        ]))) : null);
  })))));

  box.append(...section(x.handoffHistory, emptyOr(data.handoffs, (list) => h('ul', { class: 'plain', 'data-testid': 'handoff-history' }, list.map((ho) => {
    const status = ho.resolution ? label(x.resolutions, ho.resolution) : label(x.handoffStatus, ho.status);
    const when = [dateTime(ho.createdAt), ho.closedAt ? dateTime(ho.closedAt) : ''].filter(Boolean).join(' → ');
    return h('li', null,
      h('div', { class: 'line-1', text: label(x.reasons, ho.reason) }),
      h('div', { class: 'line-2', text: [status, str(ho.agent && ho.agent.name), when].filter(Boolean).join(' · ') }));
  })))));
}

/** Read-only so the agent can copy a code to resend it; select-all on focus. */
function pixField(i) {
  const input = h('input', { class: 'pix', type: 'text', readonly: '', 'aria-label': t().pixOf(i.n ?? '') });
  input.value = str(i.pixCode);
  input.addEventListener('focus', () => input.select());
  return input;
}

// ---------- actions on the open conversation ----------
function conversationPath(suffix) { return `/api/agent/conversations/${enc(state.selectedId)}${suffix}`; }

function updateCounter() {
  const n = els.replyText.value.length;
  els.replyCounter.hidden = n < COUNTER_FROM;
  els.replyCounter.textContent = t().counter(n, MAX_TEXT);
}

/** Posts a reply or a note; the text stays in the box unless the server took it. */
async function postText(kind) {
  const isNote = kind === 'note';
  const box = isNote ? els.noteText : els.replyText;
  const btn = isNote ? els.noteSend : els.replySend;
  const err = isNote ? els.noteError : els.replyError;
  const text = box.value;
  if (!text.trim() || btn.disabled || !state.selectedId) return;
  clearError();
  err.hidden = true;
  btn.disabled = true;
  const id = state.selectedId;
  const epoch = state.epoch;
  try {
    await guard(async () => {
      const res = await api('POST', conversationPath(isNote ? '/notes' : '/messages'), { text });
      if (epoch !== state.epoch || id !== state.selectedId) return;
      if (res.status === 201) {
        if (box.value === text) box.value = '';
        updateCounter();
        const msg = res.body && (isNote ? res.body.note : res.body.message);
        if (msg && state.conv && Array.isArray(state.conv.messages) && typeof msg.seq === 'number') {
          state.conv.messages = state.conv.messages.filter((m) => !(m.seq === msg.seq && m.kind === msg.kind)).concat([msg]);
          renderMessages(state.conv.messages);
          els.messages.scrollTop = els.messages.scrollHeight;
        }
        showNotice(isNote ? t().noteSaved : t().sent);
        scheduleConversation();
        if (!isNote) scheduleQueue();
        return;
      }
      err.textContent = errorText(res);
      err.hidden = false;
      if (res.status === 409) { scheduleConversation(); scheduleQueue(); }
    });
  } finally {
    btn.disabled = false;
    if (state.conv && !isNote) renderConversation(state.conv);
  }
}

function confirmDialog(text, okLabel) {
  return new Promise((resolve) => {
    els.confirmText.textContent = text;
    els.confirmOk.textContent = okLabel;
    els.confirm.returnValue = '';
    const done = () => {
      els.confirm.removeEventListener('close', done);
      resolve(els.confirm.returnValue === 'ok');
    };
    els.confirm.addEventListener('close', done);
    els.confirm.showModal();
    els.confirmCancel.focus();
  });
}

async function endHandoff(kind) {
  if (!state.selectedId) return;
  const handback = kind === 'handback';
  const ok = await confirmDialog(handback ? t().confirmHandback : t().confirmClose, handback ? t().handback : t().closeConversation);
  if (!ok) return;
  clearError();
  const btn = handback ? els.handback : els.close;
  btn.disabled = true;
  const id = state.selectedId;
  const epoch = state.epoch;
  try {
    await guard(async () => {
      const res = await api('POST', conversationPath(`/${kind}`));
      if (epoch !== state.epoch) return;
      if (res.status === 200) showNotice(handback ? t().handedBack : t().closedOk);
      else showError(errorText(res));
      void loadQueue();
      if (id === state.selectedId) await loadConversation();
    });
  } finally {
    if (state.conv) renderConversation(state.conv);
    else btn.disabled = false;
  }
}

// ---------- offer form ----------
function clearOfferErrors() {
  els.offerError.hidden = true;
  els.offerError.textContent = '';
  for (const [field, input] of Object.entries(OFFER_FIELDS)) {
    const p = $(`offer-error-${field}`);
    p.hidden = true;
    p.textContent = '';
    input.removeAttribute('aria-invalid');
  }
}
function offerFieldError(field, message) {
  const input = OFFER_FIELDS[field];
  const p = $(`offer-error-${field}`);
  // A field this form does not show (or one hidden for this kind) goes to the form's own line.
  if (!input || !p || input.closest('[hidden]')) {
    const prefix = field && field !== 'offer' && field !== '(body)' ? `${field}: ` : '';
    els.offerError.textContent = (els.offerError.textContent ? `${els.offerError.textContent} ` : '') + prefix + message;
    els.offerError.hidden = false;
    return;
  }
  p.textContent = p.textContent ? `${p.textContent} ${message}` : message;
  p.hidden = false;
  input.setAttribute('aria-invalid', 'true');
}
function resetOfferForm() {
  els.offerForm.reset();
  syncOfferKind();
  clearOfferErrors();
}
/** Cash offers take a discount, instalment offers a number of instalments (never a discount). */
function syncOfferKind() {
  const installments = els.offerKind.value === 'installments';
  els.offerInstallmentsField.hidden = !installments;
  els.offerDiscountField.hidden = installments;
}

async function submitOffer(e) {
  e.preventDefault();
  if (!state.selectedId || els.offerFieldset.disabled) return;
  clearError();
  clearOfferErrors();
  const body = { kind: els.offerKind.value === 'installments' ? 'installments' : 'cash' };
  let bad = false;
  // An <input type=number> with text the browser cannot read has value "" but badInput set.
  if (body.kind === 'cash') {
    if (els.offerDiscount.validity.badInput) { offerFieldError('discountPercent', t().notANumber); bad = true; }
    else if (els.offerDiscount.value !== '') body.discountPercent = els.offerDiscount.valueAsNumber;
  } else {
    if (els.offerInstallments.validity.badInput) { offerFieldError('installments', t().notANumber); bad = true; }
    else if (els.offerInstallments.value !== '') body.installments = els.offerInstallments.valueAsNumber;
  }
  if (els.offerFirstDue.value) body.firstDueDate = els.offerFirstDue.value;
  if (bad) return;
  els.offerSubmit.disabled = true;
  const id = state.selectedId;
  const epoch = state.epoch;
  try {
    await guard(async () => {
      const res = await api('POST', conversationPath('/offers'), body);
      if (epoch !== state.epoch || id !== state.selectedId) return;
      if (res.status === 201) {
        resetOfferForm();
        showNotice(t().offerSent);
        scheduleConversation();
        scheduleQueue();
        return;
      }
      const errors = res.body && Array.isArray(res.body.errors) ? res.body.errors : null;
      if (res.status === 422 && errors) {
        for (const er of errors) {
          const path = str(er && er.field);
          // "body.discountPercent" or "discountPercent": the last segment names the field.
          const field = path.split('.').pop() || '';
          offerFieldError(field, str(er && er.message) || '?');
        }
        const firstBad = Object.values(OFFER_FIELDS).find((i) => i.getAttribute('aria-invalid') === 'true');
        if (firstBad) firstBad.focus();
        return;
      }
      els.offerError.textContent = errorText(res);
      els.offerError.hidden = false;
      if (res.status === 409) scheduleConversation();
    });
  } finally {
    els.offerSubmit.disabled = false;
  }
}

// ---------- wiring ----------
els.convClaim.addEventListener('click', () => { if (state.selectedId) void claim(state.selectedId, els.convClaim); });
els.replyForm.addEventListener('submit', (e) => { e.preventDefault(); void postText('reply'); });
els.noteForm.addEventListener('submit', (e) => { e.preventDefault(); void postText('note'); });
for (const [box, kind] of /** @type {const} */ ([[els.replyText, 'reply'], [els.noteText, 'note']])) {
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void postText(kind);
    }
  });
}
els.replyText.addEventListener('input', updateCounter);
els.handback.addEventListener('click', () => { void endHandoff('handback'); });
els.close.addEventListener('click', () => { void endHandoff('close'); });
els.offerForm.addEventListener('submit', (e) => { void submitOffer(e); });
els.offerKind.addEventListener('change', () => { syncOfferKind(); clearOfferErrors(); });
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && state.user) { scheduleQueue(); scheduleConversation(); }
});

// ---------- start ----------
syncOfferKind();
startPage({
  started: startApp,
  stopped: stopApp,
  // The open conversation stays in the address for a session that expired, not after a logout.
  loggedOut: () => history.replaceState(null, '', location.pathname + location.search),
  errorText,
  relabel: () => {
    setLive(els.live.getAttribute('data-state'));
    updateTitle();
    updateCounter();
  },
  localeChanged: () => {
    renderQueue();
    if (state.conv) renderConversation(state.conv);
  },
});
