// The debtor's web chat page (webchat.html); served with a CSP that allows scripts from this origin only.
// Its texts are webchat-text.js's, through i18n.js (as the consoles'); the language choice is kept
// for this tab only (sessionStorage), like the session.
/** @import { Translate } from './translate.js' */
import { applyTexts, locale, setLocale, t as text, useTexts } from '/i18n.js';
import { TEXT } from '/webchat-text.js';

var MAX_LEN = 4000;
var COUNTER_FROM = 3600;
var POLL_MS = 3000;
var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];
var KEY_SESSION = 'cordial.webchat.sessionId';
var KEY_LOCALE = 'cordial.webchat.locale';

useTexts(TEXT, { key: KEY_LOCALE, session: true, browser: false });
/** i18n.js's t(), typed by the web chat's dictionary. */
var t = /** @type {Translate<typeof TEXT['pt-BR']>} */ (text);


/** @param {string} id */
var $ = function (id) { return /** @type {HTMLElement} */ (document.getElementById(id)); };
var els = {
  log: $('log'), scroller: $('scroller'), typing: $('typing'), input: /** @type {HTMLTextAreaElement} */ ($('input')), send: /** @type {HTMLButtonElement} */ ($('send')),
  form: /** @type {HTMLFormElement} */ ($('composer')), counter: $('counter'), notice: $('notice'), noticeText: $('notice-text'),
  noticeAction: /** @type {HTMLButtonElement} */ ($('notice-action')), banner: $('human-banner'), lang: $('lang'),
};

var store = {
  get: function (k) { try { return window.sessionStorage.getItem(k); } catch (e) { return null; } },
  set: function (k, v) { try { window.sessionStorage.setItem(k, v); } catch (e) { /* private mode */ } },
  del: function (k) { try { window.sessionStorage.removeItem(k); } catch (e) { /* private mode */ } },
};

var state = {
  sessionId: null,
  /** Bumped on every new session: answers to an older session's requests are dropped. */
  generation: 0,
  seen: Object.create(null),
  /** Highest seq fetched with GET …/messages; POST replies are deduplicated by seq instead. */
  cursor: 0,
  /** Rendered messages in order: {el, from, optionButtons}. */
  items: [],
  /** Our own bubbles not yet matched to the stored debtor message (matched by text, in order). */
  unmatched: [],
  sending: false,
  /** A message that could not be sent: resending the same text reuses its clientMessageId. */
  unsent: null,
  status: 'bot',
  pollTimer: null,
  polling: false,
  countdownTimer: null,
};

var finePointer = window.matchMedia && window.matchMedia('(pointer: fine)').matches;

// ---------- formatting (integer maths only) ----------
function groupThousands(digits, sep) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep); }
/** 123456 -> "R$ 1.234,56" (pt-BR) / "R$1,234.56" (en, as the bot writes it). */
function formatMoney(cents) {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) return '';
  var neg = cents < 0;
  var abs = neg ? -cents : cents;
  var reais = Math.floor(abs / 100); // exact: abs is an integer
  var rest = abs - reais * 100;
  var frac = rest < 10 ? '0' + rest : String(rest);
  var s = locale() === 'en'
    ? 'R$' + groupThousands(String(reais), ',') + '.' + frac
    : 'R$ ' + groupThousands(String(reais), '.') + ',' + frac;
  return (neg ? '-' : '') + s;
}
/** "2026-03-31" -> "31/03/2026" (pt-BR) / "03/31/2026" (en, as the bot writes it). */
function formatDate(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ''));
  if (!m) return '';
  return locale() === 'en' ? m[2] + '/' + m[3] + '/' + m[1] : m[3] + '/' + m[2] + '/' + m[1];
}

function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  // Plain-http deployments are not a secure context: randomUUID is missing there, getRandomValues is not.
  var b = new Uint8Array(16);
  window.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}

function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

// ---------- HTTP ----------
/** Resolves {status, body, headers}; rejects only when the network fails. */
function api(method, path, body) {
  /** @type {Record<string, string>} */
  var headers = { accept: 'application/json' };
  /** @type {RequestInit} */
  var init = { method: method, headers: headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init).then(function (res) {
    return res.text().then(function (txt) {
      var parsed = null;
      try { parsed = txt ? JSON.parse(txt) : null; } catch (e) { parsed = null; }
      return { status: res.status, body: parsed, headers: res.headers };
    });
  });
}
function retryAfterSeconds(res) {
  var h = res.headers.get('retry-after');
  var n = h === null ? NaN : Number(h);
  if (!Number.isFinite(n)) {
    var when = h ? Date.parse(h) : NaN;
    n = Number.isFinite(when) ? Math.ceil((when - Date.now()) / 1000) : 60;
  }
  return Math.max(1, Math.ceil(n));
}
function sessionPath(suffix) { return '/api/webchat/sessions/' + encodeURIComponent(state.sessionId) + (suffix || ''); }

// ---------- notices ----------
function clearCountdown() { if (state.countdownTimer) { clearInterval(state.countdownTimer); state.countdownTimer = null; } }
function showNotice(kind, text, action) {
  clearCountdown();
  els.notice.className = 'notice ' + kind;
  els.noticeText.textContent = text;
  if (action) {
    els.noticeAction.textContent = action.label;
    els.noticeAction.onclick = action.run;
    els.noticeAction.hidden = false;
  } else {
    els.noticeAction.hidden = true;
    els.noticeAction.onclick = null;
  }
  els.notice.hidden = false;
}
function hideNotice() { clearCountdown(); els.notice.hidden = true; }
function showRateLimited(seconds, then) {
  showNotice('error', t('rateLimited', seconds));
  var left = seconds;
  state.countdownTimer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      hideNotice();
      if (then) then();
      return;
    }
    els.noticeText.textContent = t('rateLimited', left);
  }, 1000);
}

/** The server shed load (503 busy): say so, count down its Retry-After, then try again. */
function showBusy(seconds, then) {
  showNotice('warn', t('busy', seconds));
  var left = seconds;
  state.countdownTimer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      hideNotice();
      then();
      return;
    }
    els.noticeText.textContent = t('busy', left);
  }, 1000);
}
var MAX_BUSY_RETRIES = 6;

// ---------- rendering ----------
function nearBottom() {
  var s = els.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
}
function scrollToEnd() { els.scroller.scrollTop = els.scroller.scrollHeight; }

function setTyping(on) {
  var stick = nearBottom();
  els.typing.hidden = !on;
  if (on && stick) scrollToEnd();
}

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The path of one of this session's agreement files (the server checks the session owns it). */
function agreementPath(agreementId, suffix) {
  return sessionPath('/agreements/' + encodeURIComponent(agreementId) + suffix);
}

function pixCards(facts) {
  var ag = facts && typeof facts === 'object' ? facts.agreement : null;
  var list = ag && Array.isArray(ag.installments) ? ag.installments : [];
  var withPix = list.filter(function (i) { return i && typeof i.pix === 'string' && i.pix.length > 0; });
  if (!withPix.length) return null;
  // The agreement's number: its term and the QR codes are served for this session only.
  var agreementId = typeof ag.id === 'string' && ag.id && state.sessionId ? ag.id : null;
  var wrap = el('div', 'pix-list');
  if (agreementId) {
    var link = /** @type {HTMLAnchorElement} */ (el('a', 'term-link'));
    link.href = agreementPath(agreementId, '/term.pdf');
    link.setAttribute('download', '');
    link.innerHTML = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M12 3v12"/><path d="m7 10 5 5 5-5"/><path d="M5 21h14"/></svg>';
    link.appendChild(el('span', null, t('termLink')));
    wrap.appendChild(link);
  }
  withPix.forEach(function (inst) {
    var n = Number.isSafeInteger(inst.n) ? inst.n : withPix.indexOf(inst) + 1;
    var card = el('section', 'pix');
    var headId = 'pix-' + uuid();
    card.setAttribute('aria-labelledby', headId);
    var head = el('div', 'pix-head');
    var title = el('span', 'pix-n', t('installment', n));
    title.id = headId;
    head.appendChild(title);
    var due = formatDate(inst.dueDate);
    if (due) head.appendChild(el('span', 'pix-due', t('due', due)));
    card.appendChild(head);
    var amount = formatMoney(inst.amountCents);
    if (amount) card.appendChild(el('div', 'pix-amount', amount));
    if (agreementId && Number.isSafeInteger(inst.n)) {
      // For paying from a phone while reading on a computer: the bank app reads the code on screen.
      var qr = /** @type {HTMLImageElement} */ (el('img', 'pix-qr'));
      qr.src = agreementPath(agreementId, '/installments/' + inst.n + '/qr.png');
      qr.alt = t('qrAlt', n);
      qr.width = 180;
      qr.height = 180;
      qr.loading = 'lazy';
      card.appendChild(qr);
    }
    var code = el('textarea', 'pix-code');
    code.readOnly = true;
    code.rows = 3;
    code.spellcheck = false;
    code.value = inst.pix;
    code.setAttribute('aria-label', t('pixLabel', n));
    code.addEventListener('focus', function () { code.select(); });
    card.appendChild(code);
    var btn = el('button', 'copy');
    btn.type = 'button';
    var label = el('span', null, t('copy'));
    btn.innerHTML = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"/></svg>';
    btn.appendChild(label);
    btn.addEventListener('click', function () { copyCode(inst.pix, btn, label, code); });
    card.appendChild(btn);
    wrap.appendChild(card);
  });
  return wrap;
}

function copyCode(text, btn, label, box) {
  var done = function () {
    label.textContent = t('copied');
    btn.classList.add('done');
    setTimeout(function () { label.textContent = t('copy'); btn.classList.remove('done'); }, 2500);
  };
  var fallback = function () {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.top = '-1000px';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    ta.setSelectionRange(0, text.length);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    btn.focus();
    if (ok) done();
    else {
      box.focus();
      box.select();
      showNotice('warn', t('copyFailed'));
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
}

function renderItem(m, pending) {
  var from = m.from === 'agent' || m.from === 'debtor' ? m.from : 'bot';
  var li = el('li', 'msg ' + from + (pending ? ' pending' : ''));
  if (typeof m.seq === 'number') li.dataset.seq = String(m.seq);
  if (m.key) li.dataset.key = String(m.key);
  if (from === 'agent') li.appendChild(el('span', 'who', t('agent')));
  li.appendChild(el('div', 'bubble', typeof m.text === 'string' ? m.text : ''));
  var item = { el: li, from: from, text: typeof m.text === 'string' ? m.text : '', optionButtons: [], optionsBox: null };
  var options = Array.isArray(m.options) ? m.options.filter(function (o) { return o && typeof o.label === 'string'; }) : [];
  if (from !== 'debtor' && options.length) {
    var box = el('div', 'options');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', t('optionsLabel'));
    options.forEach(function (o, i) {
      var b = el('button', 'opt', (i + 1) + '. ' + o.label);
      b.type = 'button';
      if (o.id) b.dataset.optionId = String(o.id);
      b.dataset.label = o.label.trim();
      b.addEventListener('click', function () {
        if (b.disabled) return;
        if (finePointer) els.input.focus();
        send(o.label, false);
      });
      box.appendChild(b);
      item.optionButtons.push(b);
    });
    li.appendChild(box);
    item.optionsBox = box;
  }
  if (from !== 'debtor') {
    var cards = pixCards(m.facts);
    if (cards) li.appendChild(cards);
  }
  els.log.appendChild(li);
  state.items.push(item);
  return item;
}

/** Only the latest bot message's options are live, and only until the debtor or an agent speaks. */
function refreshOptions() {
  var active = null;
  for (var i = state.items.length - 1; i >= 0; i--) {
    var it = state.items[i];
    if (it.from !== 'bot') break;
    if (it.optionButtons.length) { active = it; break; }
  }
  state.items.forEach(function (it, idx) {
    if (!it.optionButtons.length) return;
    var live = it === active;
    it.optionsBox.classList.toggle('stale', !live);
    // The debtor's next message tells which option was picked (by number or label).
    var answer = null;
    if (!live) {
      for (var j = idx + 1; j < state.items.length; j++) {
        if (state.items[j].from === 'debtor') { answer = state.items[j].text.trim().toLowerCase(); break; }
      }
    }
    it.optionButtons.forEach(function (b, i) {
      b.disabled = !live || state.sending;
      var label = (b.dataset.label || '').toLowerCase();
      var chosen = answer !== null && (answer === label || answer === String(i + 1));
      b.classList.toggle('chosen', chosen);
      if (chosen) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
  });
}

/** Adds stored messages (from any source), once each, by seq. */
function addMessages(list, forceScroll) {
  if (!Array.isArray(list) || !list.length) return;
  var stick = forceScroll || nearBottom();
  var sorted = list.slice().sort(function (a, b) { return (a.seq || 0) - (b.seq || 0); });
  var added = false;
  sorted.forEach(function (m) {
    if (!m || typeof m.seq !== 'number') return;
    if (state.seen[m.seq]) return;
    state.seen[m.seq] = true;
    if (m.from === 'debtor') {
      var text = String(m.text || '').trim();
      for (var i = 0; i < state.unmatched.length; i++) {
        if (state.unmatched[i].text === text) {
          state.unmatched[i].el.dataset.seq = String(m.seq);
          state.unmatched.splice(i, 1);
          return;
        }
      }
    }
    renderItem(m, false);
    added = true;
  });
  if (added) {
    refreshOptions();
    if (stick) scrollToEnd();
  }
}

function removeItem(item) {
  var idx = state.items.indexOf(item);
  if (idx >= 0) state.items.splice(idx, 1);
  if (item.el.parentNode) item.el.parentNode.removeChild(item.el);
  state.unmatched = state.unmatched.filter(function (u) { return u.el !== item.el; });
}

function setBanner(status) {
  state.status = status;
  var hide = status !== 'human';
  if (els.banner.hidden === hide) return;
  var stick = nearBottom();
  els.banner.hidden = hide;
  if (stick) scrollToEnd();
}

// ---------- chrome ----------
function applyChrome() {
  // The lang attribute and the data-i18n* texts of webchat.html.
  applyTexts();
  document.title = t('title');
  els.send.title = t('send');
  Array.prototype.forEach.call(els.lang.querySelectorAll('button'), function (b) {
    b.setAttribute('aria-pressed', String(b.dataset.locale === locale()));
  });
  updateCounter();
}

function updateCounter() {
  var n = els.input.value.length;
  els.counter.hidden = n < COUNTER_FROM;
  els.counter.textContent = t('counter', n, MAX_LEN);
  els.counter.classList.toggle('over', n >= MAX_LEN);
}

function autosize() {
  var i = els.input;
  i.style.height = 'auto';
  i.style.height = Math.min(i.scrollHeight, 150) + 'px';
}

function setSending(on) {
  state.sending = on;
  els.send.disabled = on;
  els.form.setAttribute('aria-busy', String(on));
  refreshOptions();
}

function restoreText(text) {
  var cur = els.input.value;
  els.input.value = cur.trim() ? text + '\n' + cur : text;
  autosize();
  updateCounter();
}

// ---------- sessions ----------
function resetView() {
  state.generation += 1;
  stopPolling();
  state.sessionId = null;
  state.seen = Object.create(null);
  state.cursor = 0;
  state.items = [];
  state.unmatched = [];
  state.unsent = null;
  setSending(false);
  setBanner('bot');
  setTyping(false);
  hideNotice();
  els.log.textContent = '';
}

function createSession(attempt) {
  attempt = attempt || 0;
  var gen = state.generation;
  setTyping(true);
  // The link's token goes with the first session only: a "start over" is a session like any other.
  var body = linkToken ? { locale: locale(), token: linkToken } : { locale: locale() };
  return api('POST', '/api/webchat/sessions', body).then(function (res) {
    if (gen !== state.generation) return;
    setTyping(false);
    if (res.status === 201 && res.body && res.body.sessionId) {
      hideNotice();
      linkToken = null;
      state.sessionId = res.body.sessionId;
      store.set(KEY_SESSION, state.sessionId);
      addMessages(res.body.replies, true);
      startPolling();
      return;
    }
    if (res.status === 429) {
      showRateLimited(retryAfterSeconds(res), function () { if (gen === state.generation) createSession(); });
      return;
    }
    if (res.status === 503 && attempt < MAX_BUSY_RETRIES) {
      setTyping(true);
      showBusy(retryAfterSeconds(res), function () { if (gen === state.generation) createSession(attempt + 1); });
      return;
    }
    var msg = res.body && res.body.message ? t('startFailed') + ' ' + res.body.message : t('startFailed');
    showNotice('error', msg, { label: t('retry'), run: function () { hideNotice(); createSession(); } });
  }, function () {
    if (gen !== state.generation) return;
    if (attempt < RETRY_DELAYS_MS.length) {
      showNotice('warn', t('offline'));
      return sleep(RETRY_DELAYS_MS[attempt]).then(function () { if (gen === state.generation) return createSession(attempt + 1); });
    }
    setTyping(false);
    showNotice('error', t('startFailed'), { label: t('retry'), run: function () { hideNotice(); createSession(); } });
  });
}

function restoreSession(id, attempt) {
  attempt = attempt || 0;
  var gen = state.generation;
  state.sessionId = id;
  return api('GET', sessionPath('/messages?after=0')).then(function (res) {
    if (gen !== state.generation) return;
    if (res.status === 404) {
      store.del(KEY_SESSION);
      state.sessionId = null;
      return createSession();
    }
    if (res.status !== 200 || !res.body || !Array.isArray(res.body.messages)) {
      throw new Error('restore failed: ' + res.status);
    }
    hideNotice();
    addMessages(res.body.messages, true);
    advanceCursor(res.body.messages);
    startPolling(true);
  }).catch(function () {
    if (gen !== state.generation) return;
    if (attempt < RETRY_DELAYS_MS.length) {
      showNotice('warn', t('offline'));
      return sleep(RETRY_DELAYS_MS[attempt]).then(function () { if (gen === state.generation) return restoreSession(id, attempt + 1); });
    }
    showNotice('error', t('startFailed'), { label: t('retry'), run: function () { hideNotice(); restoreSession(id); } });
  });
}

function startOver(notice) {
  resetView();
  store.del(KEY_SESSION);
  if (notice) showNotice('warn', notice);
  return createSession();
}

function advanceCursor(list) {
  (list || []).forEach(function (m) { if (m && typeof m.seq === 'number' && m.seq > state.cursor) state.cursor = m.seq; });
}

// ---------- polling (agent replies, human hand-off banner) ----------
function stopPolling() {
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.pollTimer = null;
}
function startPolling(now) {
  stopPolling();
  state.pollTimer = setTimeout(poll, now ? 0 : POLL_MS);
}
function poll() {
  state.pollTimer = null;
  var gen = state.generation;
  if (!state.sessionId || state.polling) return startPolling();
  if (state.sending) return startPolling();
  state.polling = true;
  var id = state.sessionId;
  Promise.all([
    api('GET', sessionPath('/messages?after=' + state.cursor)),
    api('GET', sessionPath('')),
  ]).then(function (r) {
    if (gen !== state.generation || id !== state.sessionId) return;
    var msgs = r[0], status = r[1];
    if (msgs.status === 404 || status.status === 404) {
      return startOver(t('expired'));
    }
    if (msgs.status === 200 && msgs.body && Array.isArray(msgs.body.messages)) {
      addMessages(msgs.body.messages, false);
      advanceCursor(msgs.body.messages);
    }
    if (status.status === 200 && status.body && typeof status.body.status === 'string') setBanner(status.body.status);
  }, function () { /* offline: try again on the next tick */ }).then(function () {
    state.polling = false;
    if (gen === state.generation && !state.pollTimer) startPolling();
  });
}

// ---------- sending ----------
/** Sends `raw` as the debtor's message; `fromInput` when it is the composer's text (kept on failure). */
function send(raw, fromInput) {
  var text = String(raw || '');
  if (!text.trim() || state.sending || !state.sessionId) return;
  if (text.length > MAX_LEN) { updateCounter(); return; }
  var gen = state.generation;
  var clientMessageId = state.unsent && state.unsent.text === text ? state.unsent.id : uuid();
  state.unsent = null;
  hideNotice();

  var item = renderItem({ from: 'debtor', text: text }, true);
  var trimmed = text.trim();
  var pendingEntry = { text: trimmed, el: item.el };
  state.unmatched.push(pendingEntry);
  scrollToEnd();
  if (fromInput) {
    els.input.value = '';
    autosize();
    updateCounter();
  }
  setSending(true);
  // While a person holds the conversation the bot stays silent: no "typing" dots then.
  setTyping(state.status !== 'human');

  var attempt = 0;
  var busyRetries = 0;
  var finish = function () {
    if (gen !== state.generation) return;
    setTyping(false);
    setSending(false);
  };
  var giveBack = function () {
    removeItem(item);
    if (fromInput) restoreText(text);
    refreshOptions();
  };
  var tryOnce = function () {
    return api('POST', sessionPath('/messages'), { text: text, clientMessageId: clientMessageId }).then(function (res) {
      if (gen !== state.generation) return;
      if (res.status === 200) {
        finish();
        hideNotice();
        item.el.classList.remove('pending');
        addMessages(res.body && res.body.replies, true);
        return;
      }
      // Shed before it was read: the same clientMessageId makes the resend safe either way.
      if (res.status === 503 && busyRetries < MAX_BUSY_RETRIES) {
        busyRetries += 1;
        return new Promise(function (resolve) {
          showBusy(retryAfterSeconds(res), function () { resolve(gen === state.generation ? tryOnce() : undefined); });
        });
      }
      if (res.status >= 500) return retry(t('serverBusy'));
      finish();
      if (res.status === 429) {
        giveBack();
        showRateLimited(retryAfterSeconds(res));
        return;
      }
      if (res.status === 404) {
        startOver(t('expired'));
        if (fromInput) restoreText(text);
        return;
      }
      giveBack();
      showNotice('error', (res.body && res.body.message) || ('HTTP ' + res.status));
    }, function () {
      if (gen !== state.generation) return;
      return retry(t('offline'));
    });
  };
  var retry = function (message) {
    if (attempt < RETRY_DELAYS_MS.length) {
      showNotice('warn', message);
      var delay = RETRY_DELAYS_MS[attempt];
      attempt += 1;
      return sleep(delay).then(function () { if (gen === state.generation) return tryOnce(); });
    }
    finish();
    giveBack();
    // The server may have stored it after all: resending the same text reuses the same id.
    state.unsent = { text: text, id: clientMessageId };
    showNotice('error', t('notSent'));
  };
  return tryOnce();
}

// ---------- events ----------
els.form.addEventListener('submit', function (e) {
  e.preventDefault();
  send(els.input.value, true);
  els.input.focus();
});
els.input.addEventListener('keydown', function (e) {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    send(els.input.value, true);
  }
});
els.input.addEventListener('input', function () { autosize(); updateCounter(); });
els.lang.addEventListener('click', function (e) {
  var b = e.target instanceof Element ? /** @type {HTMLElement | null} */ (e.target.closest('button[data-locale]')) : null;
  if (!b || b.dataset.locale === locale()) return;
  setLocale(b.dataset.locale);
  applyChrome();
  startOver();
});
document.addEventListener('visibilitychange', function () {
  if (document.visibilityState === 'visible' && state.sessionId && !state.polling) startPolling(true);
});

// ---------- start ----------
applyChrome();
// An e-mail's link (?t=…) is a fresh start for the debtor it names: it opens a new session with
// the token, and leaves the address bar (history, bookmarks, a shared screen) without it.
var linkToken = new URLSearchParams(location.search).get('t');
if (linkToken) history.replaceState(null, '', location.pathname + location.hash);
var saved = store.get(KEY_SESSION);
if (saved && !linkToken) restoreSession(saved);
else createSession();
if (finePointer) els.input.focus();
