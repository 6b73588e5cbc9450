/**
 * The channel a debtor asks to be reached on: "prefiro e-mail", "pode me chamar no WhatsApp",
 * "manda por email", "contact me by email". Read over the normalised text (normalize.ts: lower
 * case, no accents, "e-mail" keeps its hyphen). A negated preference ("não me mande e-mail") is not
 * one; "PARAR" is an opt-out, read elsewhere. Bounded alternations only, like the intents.
 */

export type PreferredChannel = 'email' | 'whatsapp' | 'telegram';

const CHANNEL = String.raw`(e ?-?mail|email|correio eletronico|whatsapp|whats|zap|zapzap|wpp|telegram)`;
// Global: every match is read (an earlier one may be negated). Compiled once, not per message.
const PATTERNS: readonly RegExp[] = [
  // "prefiro (ser contatado|receber|falar) (por|pelo|no|via) e-mail", "prefiro e-mail"
  new RegExp(String.raw`\b(?:prefiro|preferimos|preferencia e|preferia) (?:que (?:voces |vc |voce )?(?:me |nos )?(?:chamem|contatem|escrevam|mandem|enviem|falem) )?(?:ser (?:contatad[oa]s?|chamad[oa]s?) |receber (?:as mensagens |os avisos |os lembretes )?|falar |conversar |tratar )?(?:por |pelo |pela |no |na |via )?(?:o |a )?${CHANNEL}\b`, 'g'),
  // "(pode|podem) me chamar no WhatsApp", "me manda por e-mail", "me escreve no email"
  new RegExp(String.raw`\b(?:pode|podem|podia|poderia|poderiam)? ?(?:me|nos) (?:chamar|chama|chamem|contatar|contata|contatem|escrever|escreve|escrevam|mandar|manda|mandem|enviar|envia|enviem|avisar|avisa|avisem) (?:(?:as |os )?(?:mensagens|avisos|lembretes|tudo|isso) )?(?:por|pelo|pela|no|na|via) ${CHANNEL}\b`, 'g'),
  // "manda(m) por e-mail", "melhor (por|pelo) e-mail", "so por e-mail"
  new RegExp(String.raw`\b(?:manda|mandem|envia|enviem|melhor|so|somente|apenas) (?:por|pelo|pela|no|via) ${CHANNEL}\b`, 'g'),
  // English
  new RegExp(String.raw`\b(?:i|we) (?:would )?prefer (?:to be contacted |to talk |being contacted )?(?:by |on |via |over )?${CHANNEL}\b`, 'g'),
  new RegExp(String.raw`\b(?:contact|reach|message|text|email) (?:me|us) (?:by|on|via|over) ${CHANNEL}\b`, 'g'),
];
const ANY_CHANNEL = new RegExp(String.raw`\b${CHANNEL}\b`);
const OR_CHANNEL = new RegExp(String.raw`^,? (?:ou|or) (?:pelo |por |no |via )?${CHANNEL}\b`);
const NEGATED = /\b(?:nao|nunca|dont|do not|never|not) (?:\w+ ){0,3}$/;

function channelOf(word: string): PreferredChannel {
  if (word === 'telegram') return 'telegram';
  if (/mail|correio/.test(word)) return 'email';
  return 'whatsapp';
}

/** The channel the message asks for, if it asks for exactly one. */
export function detectChannelPreference(norm: string): PreferredChannel | undefined {
  // Nearly every message names no channel: one scan, and none of the patterns run.
  if (!ANY_CHANNEL.test(norm)) return undefined;
  const found = new Set<PreferredChannel>();
  for (const re of PATTERNS) {
    for (const m of norm.matchAll(re)) {
      if (NEGATED.test(norm.slice(Math.max(0, m.index - 40), m.index))) continue;
      found.add(channelOf(m[m.length - 1]!));
      // "e-mail ou WhatsApp": two channels, no choice.
      const alternative = OR_CHANNEL.exec(norm.slice(m.index + m[0].length));
      if (alternative) found.add(channelOf(alternative[1]!));
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}
