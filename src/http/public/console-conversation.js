// The open conversation: its messages, the hand-off, what the agent may do now.
/** @import { ConversationMessage, ConversationView } from './api.js' */
import { api, clearError, dateTime, enc, h, label, Offline, percent, put, showError, state, str, Unauthorized } from '/ui-core.js';
import { clearAgreementPanel, renderAgreementPanel, resetPaymentForm } from '/console-agreement.js';
import { renderDebtorPanel } from '/console-debtor.js';
import { clock, debtorName, detailFacts, detailSentence, waitingEl } from '/console-format.js';
import { resetOfferForm } from '/console-offer.js';
import { holderText } from '/console-queue.js';
import { els, errorText, t } from '/console-state.js';

/** Bursts of events (a message and its hand-off) become one fetch. */
export function scheduleConversation() {
  if (!state.selectedId || state.convSoon) return;
  state.convSoon = setTimeout(() => { state.convSoon = null; void loadConversation(); }, 150);
}

export function deselect() {
  state.selectedId = null;
  state.conv = null;
  state.msgEls.clear();
  state.panelSig = '';
  els.messages.textContent = '';
  els.debtorBody.textContent = '';
  clearAgreementPanel();
  els.convBody.hidden = true;
  els.convEmpty.hidden = false;
}

export async function select(id, opts = {}) {
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
    resetPaymentForm();
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
export function loadConversation() {
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
      showError(t('notFound'));
    } else {
      showError(errorText(res));
    }
  } catch (e) {
    if (!(e instanceof Unauthorized) && !(e instanceof Offline)) throw e;
    if (e instanceof Offline && !state.conv) showError(t('offline'));
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
export function renderConversation(data) {
  const p = permissions(data);
  const { conv, ho } = p;
  els.convBody.hidden = false;
  els.convEmpty.hidden = true;
  els.convBody.setAttribute('data-id', str(conv.id));
  els.convBody.setAttribute('data-status', str(conv.status));

  const name = debtorName(data.debtor) || debtorName(ho && ho.debtor);
  els.convTitle.textContent = name || t('notIdentified');
  els.convMeta.textContent = [
    label(t('channels'), conv.channel),
    label(t('convStatus'), conv.status),
    conv.locale ? t('locale', String(conv.locale)) : '',
    conv.createdAt ? t('since', dateTime(conv.createdAt)) : '',
  ].filter(Boolean).join(' · ');
  els.convHandoff.textContent = '';
  if (ho) {
    put(els.convHandoff,
      h('strong', { text: label(t('reasons'), ho.reason) }),
      detailSentence(ho.detail) ? ` — ${detailSentence(ho.detail)}` : '',
      ' · ', waitingEl(ho.since), ' · ', holderText(ho),
    );
    const facts = detailFacts(ho.detail);
    if (facts) {
      // Kept open across refetches: the agent opened it on purpose.
      const wasOpen = !!els.convHandoff.dataset.factsOpen;
      const box = h('details', { class: 'facts-box', open: wasOpen ? '' : null }, h('summary', { text: t('technicalDetails') }), h('pre', { text: facts }));
      box.addEventListener('toggle', () => { if (box.open) els.convHandoff.dataset.factsOpen = '1'; else delete els.convHandoff.dataset.factsOpen; });
      put(els.convHandoff, box);
    }
  }
  els.convHandoff.hidden = !ho;

  els.identity.setAttribute('data-verified', String(conv.verified === true));
  els.identity.textContent = conv.verified === true ? t('verified') : t('notVerified');

  renderMessages(Array.isArray(data.messages) ? data.messages : []);

  // Buttons and hints.
  els.convClaim.hidden = !p.canClaim;
  els.convClaim.textContent = t('claim');
  let hint = '';
  if (conv.status === 'closed') hint = t('closed');
  else if (!ho) hint = t('withBot');
  else if (p.heldByOther) hint = t('heldBy', str(ho.agent && ho.agent.name) || t('someone'));
  else if (ho.status === 'pending') hint = t('pendingHint');
  els.actionsHint.textContent = hint;
  els.actionsHint.hidden = !hint;
  els.replyHint.textContent = t('enterHint');
  els.replyText.disabled = !p.canAct;
  els.replySend.disabled = !p.canAct;
  els.handback.disabled = !p.canAct;
  els.close.disabled = !p.canAct;
  els.noteText.disabled = false;
  els.noteSend.disabled = false;
  els.offerFieldset.disabled = !p.canOffer;
  const offerHint = p.canOffer ? '' : (p.canAct && conv.verified !== true ? t('needsVerification') : hint);
  els.offerHint.textContent = offerHint;
  els.offerHint.hidden = !offerHint;
  renderPolicyHints(data.policy);

  const sig = JSON.stringify([state.locale, data.debtor, data.invoices, data.offers, data.agreements, data.handoffs]);
  if (sig !== state.panelSig) {
    state.panelSig = sig;
    renderDebtorPanel(data);
    renderAgreementPanel(data);
  }
}

function nearBottom(e) { return e.scrollHeight - e.scrollTop - e.clientHeight < 80; }

/** Keyed by seq: a refetch updates changed messages in place and only appends new ones. */
/** @param {ConversationMessage[]} list */
export function renderMessages(list) {
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
    const sig = JSON.stringify([state.locale, m.text, m.delivery, m.receipt, m.agent, m.attachment, m.at, m.from, m.kind]);
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
  if (kind === 'note') who = `${t('note')} · ${agentName || t('agent')}`;
  else if (from === 'agent') who = agentName || t('agent');
  else who = from === 'debtor' ? t('debtor') : from === 'bot' ? t('bot') : t('system');
  const foot = [];
  if (m.attachment && typeof m.attachment === 'object') foot.push(h('span', { text: t('attachment', str(m.attachment.type) || '?') }));
  if (kind === 'message' && m.delivery && m.delivery !== 'sent' && from !== 'debtor') {
    foot.push(h('span', { class: `delivery-${str(m.delivery)}`, 'data-testid': 'message-delivery', text: label(t('delivery'), m.delivery) }));
  }
  // The platform's own report on a sent message (delivered, read, not delivered and why).
  if (kind === 'message' && m.delivery === 'sent' && m.receipt && from !== 'debtor') {
    const why = m.receipt.status === 'failed' && m.receipt.error ? `: ${str(m.receipt.error)}` : '';
    foot.push(h('span', { class: `receipt-${str(m.receipt.status)}`, 'data-testid': 'message-receipt', title: m.receipt.at ? dateTime(m.receipt.at) : '', text: label(t('receipt'), m.receipt.status) + why }));
  }
  li.textContent = '';
  put(li,
    h('div', { class: 'msg-head' }, h('span', { class: 'msg-who', text: who }), h('time', { datetime: str(m.at), title: dateTime(m.at), text: clock(m.at) })),
    h('div', { class: 'msg-text', 'data-testid': 'message-text', text: sending ? t('sending') : m.text }),
    foot.length ? h('div', { class: 'msg-foot' }, foot) : null,
  );
}

/** @param {ConversationView['policy']} policy */
function renderPolicyHints(policy) {
  const maxDiscount = policy && policy.cash && policy.cash.maxDiscountPercent;
  const maxInst = policy && policy.installments && policy.installments.max;
  const dueDays = policy && policy.firstDueInDays && policy.firstDueInDays.max;
  els.offerDiscountHint.textContent = typeof maxDiscount === 'number' ? t('maxDiscount', percent(maxDiscount)) : '';
  els.offerInstallmentsHint.textContent = Number.isInteger(maxInst) ? t('maxInstallments', maxInst) : '';
  els.offerFirstDueHint.textContent = Number.isInteger(dueDays) ? t('firstDueWithin', dueDays) : '';
  if (Number.isInteger(maxInst)) els.offerInstallments.max = String(maxInst);
}
