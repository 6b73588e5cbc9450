// The debtor panel beside the open conversation: contacts, invoices, offers and earlier hand-offs,
// drawn again only when one of them changed (the agreements have their own panel, console-agreement.js).
/** @import { ConversationView } from './api.js' */
import { dateTime, day, h, label, money, percent, put, str } from '/ui-core.js';
import { els, t } from '/console-state.js';

function section(title, body) {
  return [h('h4', { text: title }), body];
}
function emptyOr(list, build) {
  return Array.isArray(list) && list.length ? build(list) : h('p', { class: 'muted small', text: t('none') });
}

/** @param {ConversationView} data */
export function renderDebtorPanel(data) {
  const box = els.debtorBody;
  box.textContent = '';
  const d = data.debtor;
  if (!d) {
    box.append(h('p', { class: 'muted', 'data-testid': 'debtor-unknown', text: t('debtorUnknown') }));
  } else {
    put(box,
      h('dl', { class: 'facts' },
        h('dt', { text: t('name') }), h('dd', { 'data-testid': 'debtor-name', text: str(d.name) || '—' }),
        h('dt', { text: t('cnpj') }), h('dd', { 'data-testid': 'debtor-cnpj', text: str(d.cnpj) || '—' })),
      ...section(t('contacts'), emptyOr(d.contacts, (list) => h('ul', { class: 'plain', 'data-testid': 'contacts' }, list.map((c) => h('li', { 'data-testid': 'contact' },
        h('div', { class: 'line-1' }, str(c.name) || '—', c.optedOut ? ' ' : null, c.optedOut ? h('span', { class: 'badge bad', text: t('optedOut') }) : null),
        h('div', { class: 'line-2', text: [str(c.phone), str(c.email)].filter(Boolean).join(' · ') || '—' })))))),
    );
  }

  box.append(...section(t('invoices'), emptyOr(data.invoices, (list) => {
    const open = list.filter((i) => i && i.status === 'open' && Number.isSafeInteger(i.amountCents));
    const total = open.reduce((s, i) => s + i.amountCents, 0);
    return h('div', { class: 'table-wrap' },
      h('table', { 'data-testid': 'invoices' },
        h('thead', null, h('tr', null, h('th', { text: t('invoice') }), h('th', { class: 'num', text: t('amount') }), h('th', { text: t('dueDate') }), h('th', { text: t('status') }))),
        h('tbody', null, list.map((i) => h('tr', { 'data-testid': 'invoice' },
          h('td', { text: str(i.number) }), h('td', { class: 'num', text: money(i.amountCents) }), h('td', { text: day(i.dueDate) }), h('td', { text: label(t('invoiceStatus'), i.status) }))))),
      open.length ? h('p', { class: 'total', 'data-testid': 'invoices-open-total', text: `${t('openTotal')}: ${money(total)}` }) : null);
  })));

  box.append(...section(t('offers'), emptyOr(data.offers, (list) => h('ul', { class: 'plain', 'data-testid': 'offers' }, list.map((o) => {
    const terms = [money(o.totalCents)];
    if (typeof o.discountPercent === 'number' && o.discountPercent > 0) terms.push(t('discountOf', percent(o.discountPercent)));
    if (o.kind === 'installments' && Number.isInteger(o.installments)) terms.push(t('instalmentsOf', o.installments, money(o.installmentCents)));
    if (o.firstDueDate) terms.push(t('firstDueOn', day(o.firstDueDate)));
    const about = [label(t('sources'), o.source), label(t('offerStatus'), o.status)];
    if (Number.isInteger(o.round)) about.push(t('round', o.round));
    if (o.createdAt) about.push(dateTime(o.createdAt));
    return h('li', { 'data-testid': 'offer', 'data-source': str(o.source), 'data-status': str(o.status) },
      h('div', { class: 'line-1', text: `${label(t('kinds'), o.kind)} · ${terms.join(' · ')}` }),
      h('div', { class: 'line-2', text: about.join(' · ') }));
  })))));

  box.append(...section(t('handoffHistory'), emptyOr(data.handoffs, (list) => h('ul', { class: 'plain', 'data-testid': 'handoff-history' }, list.map((ho) => {
    const status = ho.resolution ? label(t('resolutions'), ho.resolution) : label(t('handoffStatus'), ho.status);
    const when = [dateTime(ho.createdAt), ho.closedAt ? dateTime(ho.closedAt) : ''].filter(Boolean).join(' → ');
    return h('li', null,
      h('div', { class: 'line-1', text: label(t('reasons'), ho.reason) }),
      h('div', { class: 'line-2', text: [status, str(ho.agent && ho.agent.name), when].filter(Boolean).join(' · ') }));
  })))));
}
