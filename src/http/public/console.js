// The agents' console (served with console.html): this entry module runs the console's part of the
// session (start, stop, live updates) and wires the page; its parts are the console-*.js modules.
// Vanilla JS modules, no build step. The login form, the session, the API client and the DOM
// helpers are ui-core.js's, shared with the admins' console. The API it reads is
// src/http/agentRoutes.ts (its shapes in api.d.ts). Everything that comes from the API is put in the
// DOM with textContent / createElement only (debtor text above all): no innerHTML, no eval.
import { endHandoff, postText, updateCounter } from '/console-actions.js';
import { deselect, renderConversation, scheduleConversation, select } from '/console-conversation.js';
import { tickWaiting } from '/console-format.js';
import { clearOfferErrors, submitOffer, syncOfferKind } from '/console-offer.js';
import { claim, loadQueue, renderQueue, scheduleQueue, updateTitle } from '/console-queue.js';
import { els, errorText, t } from '/console-state.js';
import { Offline, Unauthorized, api, setSession, startPage, state } from '/ui-core.js';

// EventSource is the live path; the timer only covers a stream that died silently.
const QUEUE_REFRESH_MS = 20_000;
const WAITING_TICK_MS = 30_000;
const EVENTS_RETRY_MS = [2_000, 5_000, 10_000, 30_000];

// ---------- the console's part of the session (ui-core.js runs the login form) ----------
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
  els.live.textContent = s === 'live' ? t('live') : t('reconnecting');
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

