// A small chat with a simulation of the draft: POST .../draft/simulate opens a web chat session on
// the draft, and the public web chat API drives it (as the debtor's page does). Replies' text and
// clickable options are shown as text; nothing here reaches agents or creates real agreements.
import { api, enc, errorText, guard, h, str, t } from '/admin-core.js';

function newId() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  const b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export function createSimulator(els) {
  let sessionId = null;
  let flowId = null;
  let sending = false;
  let generation = 0;

  function scroll() { els.log.scrollTop = els.log.scrollHeight; }

  function add(from, text, options) {
    // Only the newest bot message's options stay clickable, as in the web chat.
    for (const b of els.log.querySelectorAll('button[data-testid=sim-option]')) b.disabled = true;
    const li = h('li', { class: `sim-msg from-${from}`, 'data-testid': 'sim-message', 'data-from': from },
      h('div', { class: 'sim-text', 'data-testid': 'sim-text', text }));
    const list = Array.isArray(options) ? options.filter((o) => o && typeof o.label === 'string') : [];
    if (list.length && from !== 'debtor') {
      const box = h('div', { class: 'sim-options', role: 'group', i18nAriaLabel: 'replyOptions' });
      list.forEach((o, i) => {
        const b = h('button', { type: 'button', class: 'btn small', 'data-testid': 'sim-option', 'data-option-id': str(o.id) || null, text: `${i + 1}. ${o.label}` });
        b.addEventListener('click', () => { void send(o.label); });
        box.append(b);
      });
      li.append(box);
    }
    els.log.append(li);
    scroll();
  }
  function addReplies(replies) {
    for (const r of Array.isArray(replies) ? replies : []) {
      if (!r || r.from === 'debtor') continue;
      add(r.from === 'agent' || r.from === 'system' ? r.from : 'bot', str(r.text), r.options);
    }
  }
  function note(text) {
    els.log.append(h('li', { class: 'sim-msg from-note', 'data-testid': 'sim-note', text }));
    scroll();
  }

  async function send(text) {
    const value = str(text).trim();
    if (!value || !sessionId || sending) return;
    sending = true;
    els.send.disabled = true;
    const gen = generation;
    add('debtor', value);
    if (els.input.value.trim() === value) els.input.value = '';
    try {
      await guard(async () => {
        const res = await api('POST', `/api/webchat/sessions/${enc(sessionId)}/messages`, { text: value, clientMessageId: newId() });
        if (gen !== generation) return;
        if (res.ok) addReplies(res.body && res.body.replies);
        else note(errorText(res));
      });
    } finally {
      sending = false;
      els.send.disabled = false;
      if (gen === generation) els.input.focus();
    }
  }

  async function start(id) {
    generation += 1;
    const gen = generation;
    flowId = id;
    sessionId = null;
    els.log.textContent = '';
    els.card.hidden = false;
    els.input.disabled = true;
    els.send.disabled = true;
    const res = await api('POST', `/api/admin/flows/${enc(id)}/draft/simulate`, { locale: els.locale.value });
    if (gen !== generation) return false;
    if (res.status !== 201 && res.status !== 200) {
      note(errorText(res));
      return res;
    }
    sessionId = str(res.body && res.body.sessionId) || null;
    note(t('simStarted'));
    addReplies(res.body && res.body.replies);
    els.input.disabled = !sessionId;
    els.send.disabled = !sessionId;
    els.card.scrollIntoView({ block: 'nearest' });
    els.input.focus();
    return res;
  }

  function stop() {
    generation += 1;
    sessionId = null;
    flowId = null;
    els.log.textContent = '';
    els.card.hidden = true;
  }

  els.form.addEventListener('submit', (e) => { e.preventDefault(); void send(els.input.value); });
  els.close.addEventListener('click', stop);

  return { start, stop, flowId: () => flowId };
}
