// How the agents' console writes times, waits and hand-off details (money, day, dateTime
// and percent are ui-core's).
import { dateTime, h, state, str } from '/ui-core.js';
import { t } from '/console-state.js';

export function clock(iso) {
  const ms = Date.parse(str(iso));
  if (!Number.isFinite(ms)) return '';
  const sameDay = new Date(ms).toDateString() === new Date().toDateString();
  /** @type {Intl.DateTimeFormatOptions} */
  const opts = sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(state.locale, opts).format(ms);
}
function ago(iso) {
  const ms = Date.parse(str(iso));
  if (!Number.isFinite(ms)) return '';
  const min = Math.max(0, Math.floor((Date.now() + state.clockSkewMs - ms) / 60_000));
  if (min < 1) return t('justNow');
  if (min < 60) return t('agoMin', min);
  const hours = Math.floor(min / 60);
  if (hours < 24) return t('agoHour', hours, min % 60);
  return t('agoDay', Math.floor(hours / 24), hours % 24);
}
/** A <time> that tick() keeps saying "há 5 min" on; the exact instant is in its tooltip. */
export function waitingEl(iso) {
  return h('time', { class: 'waiting', datetime: str(iso), 'data-since': str(iso), title: dateTime(iso), text: ago(iso) });
}
export function tickWaiting() {
  for (const e of document.querySelectorAll('time[data-since]')) e.textContent = ago(e.getAttribute('data-since'));
}
/**
 * A hand-off's detail is free-form: a sentence, or an object with the bot's facts at the time
 * (state, round, last offer). Sentences show as they are; facts only in the conversation's
 * collapsed "technical details", as indented JSON text.
 */
export function detailSentence(detail) {
  return typeof detail === 'string' ? detail : '';
}
export function detailFacts(detail) {
  if (!detail || typeof detail !== 'object' || !Object.keys(detail).length) return '';
  return JSON.stringify(detail, null, 2);
}
export function debtorName(d) {
  return d && typeof d.name === 'string' && d.name ? d.name : null;
}
