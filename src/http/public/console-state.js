// The agents' console's own state (on top of ui-core's session state), its elements, and what
// all of its parts share: the API error sentence and the open conversation's API path.
/** @import { Translate } from './translate.js' */
import { t as text, useTexts } from '/i18n.js';
import { TEXT } from '/console-text.js';
import { $, enc, state, str } from '/ui-core.js';

useTexts(TEXT, { key: 'cordial.console.locale' });
/** i18n.js's t(), typed by the console's dictionary. */
export const t = /** @type {Translate<typeof TEXT['pt-BR']>} */ (text);

export const MAX_TEXT = 4000;
export const COUNTER_FROM = 3600;

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

export const els = {
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
export const OFFER_FIELDS = {
  kind: els.offerKind,
  discountPercent: els.offerDiscount,
  installments: els.offerInstallments,
  firstDueDate: els.offerFirstDue,
};

// ---------- API errors ----------
/** A localized sentence for an API error answer. */
export function errorText(res) {
  const b = res.body || {};
  switch (b.error) {
    case 'claimed_by_other': return t('claimedByOther', str(b.agent && b.agent.name) || t('someone'));
    case 'not_handed_off': return t('notHandedOff');
    case 'no_handoff': return t('noHandoff');
    case 'identity_not_verified': return t('identityNotVerified');
    case 'forbidden': return t('forbidden');
    case 'rate_limited': return t('rateLimited');
    default: break;
  }
  if (res.status === 404) return t('notFound');
  if (res.status === 429) return t('rateLimited');
  if (res.status >= 500) return t('serverError');
  return str(b.message) || `HTTP ${res.status}`;
}

export function conversationPath(suffix) { return `/api/agent/conversations/${enc(state.selectedId)}${suffix}`; }
