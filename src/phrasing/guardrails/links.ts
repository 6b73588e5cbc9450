/**
 * 'links': no URL, bare domain or e-mail unless the template text has it or it is on the
 * allow-list. An allow-list entry may be a full link ("https://pague.exemplo.com.br/x"), a
 * domain ("exemplo.com.br": that domain and its subdomains, any path) or an e-mail address.
 * Opaque fact strings (PIX codes, which embed the PIX key e-mail) are cut out first.
 */

import { findLinks, hostOf, normalizeLink } from './patterns.js';
import { maskStrings, opaqueFactStrings, quote } from './text.js';
import type { Failure } from './types.js';

function allowedBy(value: string, entries: readonly string[]): boolean {
  const host = hostOf(value);
  for (const raw of entries) {
    const e = normalizeLink(raw);
    if (e === '') continue;
    if (value === e || value.startsWith(`${e}/`)) return true;
    if (!e.includes('/') && !e.includes('@') && (host === e || host.endsWith(`.${e}`))) return true;
  }
  return false;
}

export function checkLinks(text: string, templateText: string, facts: Record<string, unknown>, allowedLinks: readonly string[] = []): Failure[] {
  const opaque = opaqueFactStrings(facts);
  const inTemplate = findLinks(maskStrings(templateText, opaque).text).map((l) => l.value);
  const failures: Failure[] = [];
  for (const l of findLinks(maskStrings(text, opaque).text)) {
    if (inTemplate.includes(l.value) || allowedBy(l.value, allowedLinks)) continue;
    const what = l.kind === 'email' ? 'e-mail' : l.kind === 'url' ? 'link' : 'domain';
    const detail = `${what} ${quote(l.value)} is not in the template or the allow-list`;
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'links', detail });
  }
  return failures;
}
