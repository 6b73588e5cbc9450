// The agent's offer form: cash with a discount or instalments, checked against the debt's policy
// by the server (422 errors go next to their field).
import { $, api, clearError, guard, issueText, showNotice, state, str } from '/ui-core.js';
import { scheduleConversation } from '/console-conversation.js';
import { scheduleQueue } from '/console-queue.js';
import { conversationPath, els, errorText, OFFER_FIELDS, t } from '/console-state.js';

export function clearOfferErrors() {
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
export function resetOfferForm() {
  els.offerForm.reset();
  syncOfferKind();
  clearOfferErrors();
}
/** Cash offers take a discount, instalment offers a number of instalments (never a discount). */
export function syncOfferKind() {
  const installments = els.offerKind.value === 'installments';
  els.offerInstallmentsField.hidden = !installments;
  els.offerDiscountField.hidden = installments;
}

export async function submitOffer(e) {
  e.preventDefault();
  if (!state.selectedId || els.offerFieldset.disabled) return;
  clearError();
  clearOfferErrors();
  const body = { kind: els.offerKind.value === 'installments' ? 'installments' : 'cash' };
  let bad = false;
  // An <input type=number> with text the browser cannot read has value "" but badInput set.
  if (body.kind === 'cash') {
    if (els.offerDiscount.validity.badInput) { offerFieldError('discountPercent', t('notANumber')); bad = true; }
    else if (els.offerDiscount.value !== '') body.discountPercent = els.offerDiscount.valueAsNumber;
  } else {
    if (els.offerInstallments.validity.badInput) { offerFieldError('installments', t('notANumber')); bad = true; }
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
        showNotice(t('offerSent'));
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
          offerFieldError(field, issueText(er));
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
