// The agents' console's queue: the hand-offs waiting or taken, refreshed on every change event.
/** @import { HandoffItem } from './api.js' */
import { api, clearError, enc, guard, h, label, Offline, put, showError, showNotice, state, str, Unauthorized } from '/ui-core.js';
import { scheduleConversation, select } from '/console-conversation.js';
import { debtorName, detailSentence, waitingEl } from '/console-format.js';
import { els, errorText, t } from '/console-state.js';

/** The tab's title counts the hand-offs waiting. */
export function updateTitle() {
  const pending = state.handoffs.filter((x) => x && x.status === 'pending').length;
  document.title = (state.user && pending ? `(${pending}) ` : '') + t('title');
}

/** Bursts of events (a message and its hand-off) become one fetch. */
export function scheduleQueue() {
  if (state.queueSoon) return;
  state.queueSoon = setTimeout(() => { state.queueSoon = null; void loadQueue(); }, 150);
}

/** One fetch at a time; calls during a fetch make one more afterwards. Resolves when all are done. */
export function loadQueue() {
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

export function renderQueue() {
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
  els.queueCount.textContent = state.handoffs.length ? t('queueCount', pending, state.handoffs.length) : '';
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
export function holderText(item) {
  if (item.status === 'pending') return t('pending');
  const agent = item.agent;
  if (agent && state.user && agent.id === state.user.id) return t('withYou');
  return t('openBy', str(agent && agent.name) || t('someone'));
}

/** @param {HandoffItem} item */
function updateQueueItem(q, item) {
  q.li.className = `queue-item ${item.status === 'pending' ? 'pending' : 'open'}`;
  q.li.setAttribute('data-status', str(item.status));
  if (item.conversationId === state.selectedId) q.li.setAttribute('aria-current', 'true');
  else q.li.removeAttribute('aria-current');
  q.reason.textContent = label(t('reasons'), item.reason);
  const detail = detailSentence(item.detail);
  q.detail.textContent = detail;
  q.detail.hidden = !detail;
  const name = debtorName(item.debtor);
  q.who.textContent = name || t('notIdentified');
  q.who.classList.toggle('unknown', !name);
  q.meta.textContent = '';
  put(q.meta,
    h('span', { 'data-testid': 'queue-channel', text: label(t('channels'), item.channel) }),
    waitingEl(item.since),
    str(item.locale).toLowerCase().startsWith('en') ? h('span', { class: 'badge', text: 'EN' }) : null,
    item.waitingNoticeSent ? h('span', { class: 'badge warn', text: t('waitingNotice') }) : null,
  );
  const last = item.lastMessage;
  q.preview.textContent = last ? (typeof last.text === 'string' ? last.text : t('sending')) : '';
  q.preview.hidden = !last;
  q.status.textContent = holderText(item);
  q.claimBtn.textContent = t('claim');
  q.claimBtn.hidden = item.status !== 'pending';
  q.claimBtn.setAttribute('aria-label', `${t('claim')}: ${label(t('reasons'), item.reason)} · ${name || t('notIdentified')}`);
}

export async function claim(id, btn) {
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
        showNotice(t('claimed'));
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
