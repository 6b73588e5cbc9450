// The creditor's channel order (GET|PUT /api/admin/channel-order), a card of the contact-policy
// section: where a notice goes when the contact has no preferred channel, or when that one cannot
// reach them. Reordered with up/down buttons rather than drag-and-drop, which a keyboard cannot do.
/** @import { ChannelOrder } from './api.js' */
import {
  $, api, busy, clearError, clearFieldErrors, errorText, h, label, showError, showSaveAnswer, t,
} from '/admin-core.js';

const els = { form: /** @type {HTMLFormElement} */ ($('channel-order-form')), list: $('channel-order-list'), errors: $('channel-order-errors'), save: /** @type {HTMLButtonElement} */ ($('channel-order-save')) };
/** @type {{ order: ChannelOrder['order'], loaded: boolean, epoch: number }} */
const s = { order: [], loaded: false, epoch: 0 };

/** Moves the channel at `i` by `step` (-1 up, +1 down) and keeps the focus on the channel that moved. */
function move(i, step) {
  const order = [...s.order];
  [order[i], order[i + step]] = [order[i + step], order[i]];
  s.order = order;
  render();
  // At the top or bottom its own button is disabled, so the focus goes to the other one.
  const row = els.list.children[i + step];
  const own = /** @type {HTMLButtonElement} */ (row.querySelector(step < 0 ? '[data-move=up]' : '[data-move=down]'));
  /** @type {HTMLButtonElement} */ (own.disabled ? row.querySelector('button:not([disabled])') : own).focus();
}

function render() {
  const names = t('channels');
  els.list.textContent = '';
  s.order.forEach((channel, i) => {
    const name = label(names, channel);
    const up = h('button', { type: 'button', class: 'btn small', 'data-move': 'up', 'data-testid': `channel-order-up-${channel}`, 'aria-label': t('moveUp', name), text: '↑', disabled: i === 0 });
    const down = h('button', { type: 'button', class: 'btn small', 'data-move': 'down', 'data-testid': `channel-order-down-${channel}`, 'aria-label': t('moveDown', name), text: '↓', disabled: i === s.order.length - 1 });
    up.addEventListener('click', () => move(i, -1));
    down.addEventListener('click', () => move(i, 1));
    els.list.append(h('li', { class: 'channel-order-row', 'data-testid': 'channel-order-item', 'data-channel': channel },
      h('span', { class: 'channel-order-n', text: `${i + 1}.` }), h('span', { class: 'channel-order-name', text: name }), up, down));
  });
}

async function save() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const res = await api('PUT', '/api/admin/channel-order', { order: s.order });
  if (!showSaveAnswer(res, els.form, els.errors)) return;
  if (res.body && Array.isArray(res.body.order)) s.order = res.body.order;
  render();
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, save); });

/** Shown, relabelled and reset with the contact-policy section (admin-contact.js). */
export const channelOrderCard = {
  async show() {
    if (s.loaded) return;
    const epoch = s.epoch;
    const res = await api('GET', '/api/admin/channel-order');
    if (epoch !== s.epoch) return;
    if (!res.ok || !res.body || !Array.isArray(res.body.order)) { showError(errorText(res)); return; }
    s.order = res.body.order;
    s.loaded = true;
    render();
  },
  relabel() { render(); },
  reset() {
    s.epoch += 1;
    s.order = []; s.loaded = false;
    els.list.textContent = '';
    clearFieldErrors(els.form, els.errors);
  },
};
