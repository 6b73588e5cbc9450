// What the agent does on the open conversation: reply, note, hand back to the bot, close.
import { api, clearError, guard, showError, showNotice, state } from '/ui-core.js';
import { loadConversation, renderConversation, renderMessages, scheduleConversation } from '/console-conversation.js';
import { loadQueue, scheduleQueue } from '/console-queue.js';
import { conversationPath, COUNTER_FROM, els, errorText, MAX_TEXT, t } from '/console-state.js';

export function updateCounter() {
  const n = els.replyText.value.length;
  els.replyCounter.hidden = n < COUNTER_FROM;
  els.replyCounter.textContent = t('counter', n, MAX_TEXT);
}

/** Posts a reply or a note; the text stays in the box unless the server took it. */
export async function postText(kind) {
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
        showNotice(isNote ? t('noteSaved') : t('sent'));
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

export async function endHandoff(kind) {
  if (!state.selectedId) return;
  const handback = kind === 'handback';
  const ok = await confirmDialog(handback ? t('confirmHandback') : t('confirmClose'), handback ? t('handback') : t('closeConversation'));
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
      if (res.status === 200) showNotice(handback ? t('handedBack') : t('closedOk'));
      else showError(errorText(res));
      void loadQueue();
      if (id === state.selectedId) await loadConversation();
    });
  } finally {
    if (state.conv) renderConversation(state.conv);
    else btn.disabled = false;
  }
}
