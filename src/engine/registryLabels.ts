import type { Locale } from '../language/locale.js';
import type { FlowEvent, IntentEventName } from './flowContext.js';
import type { assigners, effects, guards } from './registry.js';
import type { Intent } from './understanding/understand.js';

// What the registry's names mean to a collection manager, so the flow editor and the diagram can
// read a transition as a sentence: "quando o devedor escreve · o devedor escolhe “accept” → …
// registra o CNPJ". Keyed by the registry's own names (the types refuse a name without a label or
// a label without a name); test/engine/registryLabels.test.ts checks the same at run time.

export type Label = Record<Locale, string>;

/** Words for a parameter's known values: `{ intent: { judicial: {...}, ... } }`. */
export type ValueWords = Record<string, Record<string, Label>>;

/**
 * A label may hold `{param}` placeholders, filled from a reference's params by renderLabel: with
 * the value's words when `values` has them, else with the value itself (a choice id, a template key).
 */
export interface Labelled {
  label: Label;
  values?: ValueWords;
}

const w = (pt: string, en: string): Label => ({ 'pt-BR': pt, en });
const l = (pt: string, en: string, values?: ValueWords): Labelled => (values ? { label: w(pt, en), values } : { label: w(pt, en) });

// Verb phrases that read after either subject: "o devedor …" (intentIs) and "a mensagem …" (hasIntent).
const INTENT_WORDS: Record<Intent | IntentEventName, Label> = {
  judicial: w('fala em processo judicial', 'mentions legal action'),
  dispute: w('contesta a dívida', 'disputes the debt'),
  optout: w('pede para não receber mensagens', 'asks to stop getting messages'),
  human: w('pede para falar com uma pessoa', 'asks to talk to a person'),
  insult: w('ofende', 'is insulting'),
  preferChannel: w('diz por onde prefere ser contatado', 'says which channel they prefer'),
  hardship: w('diz que está sem dinheiro', 'says money is tight'),
  renegotiate: w('pede para renegociar o acordo', 'asks to renegotiate the agreement'),
  pixCopy: w('pede a segunda via do PIX', 'asks for a copy of the PIX code'),
  greeting: w('cumprimenta', 'says hello'),
  thanks: w('agradece', 'says thanks'),
  help: w('pede ajuda', 'asks for help'),
};

export const guardLabels: Record<keyof typeof guards, Labelled> = {
  hasCnpj: l('a mensagem traz um CNPJ válido', 'the message has a valid CNPJ'),
  cnpjInvalid: l('a mensagem traz um CNPJ inválido', 'the message has an invalid CNPJ'),
  hasInvoiceCandidate: l('a mensagem traz um número de nota', 'the message has an invoice number'),
  isYes: l('o devedor diz sim', 'the debtor says yes'),
  isNo: l('o devedor diz não', 'the debtor says no'),
  choiceIs: l('o devedor escolhe “{id}”', 'the debtor picks “{id}”'),
  intentIs: l('o devedor {intent}', 'the debtor {intent}', { intent: INTENT_WORDS }),
  hasIntent: l('a mensagem {intent}', 'the message {intent}', { intent: INTENT_WORDS }),
  hasProposal: l('o devedor faz uma proposta', 'the debtor proposes terms'),
  hasMoreRungs: l('ainda há outra proposta a oferecer', 'there is another offer left to make'),
  debtAboveEscalation: l('a dívida passa do limite para atendimento humano', 'the debt is above the handoff threshold'),
  identityLocked: l('a identificação fica bloqueada', 'identity gets locked'),
  counterIs: l('a proposta do devedor {decision}', 'the debtor’s proposal {decision}', {
    decision: {
      accept: w('cabe na política', 'is within the policy'),
      counter: w('pede uma contraproposta', 'calls for a counter-offer'),
      escalate: w('precisa de uma pessoa', 'needs a person'),
    },
  }),
  misunderstandingsAtLeast: l('{n} ou mais mensagens não entendidas', '{n} or more messages not understood'),
  insultsAtLeast: l('{n} ou mais ofensas', '{n} or more insults'),
  insultLimitReached: l('o limite de ofensas é atingido', 'the insult limit is reached'),
  misunderstandingLimitReached: l('o limite de mensagens não entendidas é atingido', 'the limit of messages not understood is reached'),
  isVerified: l('a identidade já foi confirmada', 'the identity is already confirmed'),
  preferenceToSave: l('o devedor identificado escolhe um canal', 'a verified debtor names a channel'),
  hasSenderPhone: l('o canal informa o telefone de quem escreve', 'the channel gives the sender’s phone'),
  hasSignedLink: l('a conversa veio de um link assinado do e-mail', 'the chat came from a signed e-mail link'),
  contactIsOwn: l('o contato é o do próprio devedor', 'the contact is the debtor’s own'),
  proofFromVerifiedDebtor: l('chega um comprovante para uma pessoa conferir', 'a receipt arrives for a person to check'),
  proofToKeep: l('chega um comprovante só para guardar', 'a receipt arrives just to be kept'),
  handbackWithDebt: l('a pessoa devolve com a dívida atual', 'handed back with the current debt'),
  handbackWithAgreement: l('a pessoa devolve com um acordo', 'handed back with an agreement'),
  hasActiveAgreement: l('há um acordo em vigor', 'there is an agreement in force'),
  noAgreementInForce: l('não há mais acordo em vigor', 'no agreement is in force any more'),
  agreementBroken: l('o acordo está rompido', 'the agreement is broken'),
  askedInstallmentPaid: l('a parcela pedida já está paga', 'the instalment asked for is already paid'),
  refusalIs: l('a renegociação é recusada: {reason}', 'renegotiation refused: {reason}', {
    reason: {
      yearly_limit: w('limite anual atingido', 'yearly limit reached'),
      second_break: w('segundo acordo rompido', 'a second broken agreement'),
      not_in_force: w('o acordo não está mais em vigor', 'the agreement is no longer in force'),
    },
  }),
  lockExpired: l('o bloqueio de identidade já expirou', 'the identity lock has expired'),
};

export const assignerLabels: Record<keyof typeof assigners, Labelled> = {
  rememberCnpj: l('registra o CNPJ', 'notes the CNPJ'),
  rememberPreferredChannel: l('anota o canal preferido', 'notes the preferred channel'),
  startNegotiation: l('começa a negociar com as propostas da política', 'starts negotiating with the policy’s offers'),
  startRenegotiation: l('começa a renegociar o saldo do acordo', 'starts renegotiating the agreement’s balance'),
  rememberAgreementStatus: l('guarda a situação do acordo', 'keeps the agreement’s standing'),
  nextRung: l('passa à próxima proposta', 'moves on to the next offer'),
  markHardship: l('marca dificuldade financeira', 'marks financial hardship'),
  evaluateCounter: l('avalia a proposta do devedor', 'weighs the debtor’s proposal'),
  countMisunderstanding: l('conta uma mensagem não entendida', 'counts a message not understood'),
  resetMisunderstandings: l('zera as mensagens não entendidas', 'resets the messages not understood'),
  countInsult: l('conta uma ofensa', 'counts an insult'),
  countInsultIfSaid: l('conta a ofensa, se houver', 'counts an insult if there is one'),
  // The reason is a code ('asked_for_person'); the consoles already word those (ui-text.js reasons).
  setEscalation: l('anota o motivo do encaminhamento: {reason}', 'notes the handoff reason: {reason}'),
  rememberExistingAgreement: l('guarda o acordo em vigor', 'keeps the agreement in force'),
  rememberAgreement: l('guarda o acordo feito', 'keeps the agreement made'),
  rememberLock: l('anota até quando a identificação está bloqueada', 'notes until when identity is locked'),
  clearLock: l('tira o bloqueio de identidade', 'clears the identity lock'),
  refreshToday: l('atualiza a data de hoje', 'updates today’s date'),
  resumeAfterHandoff: l('retoma depois do atendimento humano', 'resumes after the agent'),
};

export const effectLabels: Record<keyof typeof effects, Labelled> = {
  // The facts and the attachment are not in the sentence; their words are for the editor's form.
  say: l('diz “{key}”', 'says “{key}”', {
    facts: {
      creditor: w('credor', 'creditor'),
      debt: w('dívida', 'debt'),
      offer: w('proposta', 'offer'),
      counter: w('contraproposta', 'counter-offer'),
      agreement: w('acordo', 'agreement'),
      handoff: w('atendimento humano', 'handoff'),
      lock: w('bloqueio', 'lock'),
      preference: w('canal preferido', 'preferred channel'),
    },
    attach: { agreementTerm: w('o termo do acordo (PDF)', 'the agreement term (PDF)') },
  }),
  verifyIdentity: l('confere a identidade', 'checks the identity'),
  checkIdentityLock: l('vê se a identificação segue bloqueada', 'checks whether identity is still locked'),
  verifyPhone: l('confere o telefone de quem escreve', 'checks the sender’s phone'),
  recordOffer: l('registra a proposta feita', 'records the offer made'),
  createAgreement: l('fecha o acordo', 'makes the agreement'),
  refreshAgreement: l('consulta o acordo em vigor', 'looks up the agreement in force'),
  quoteRenegotiation: l('calcula o que dá para renegociar', 'works out what can be renegotiated'),
  escalate: l('encaminha a uma pessoa', 'hands over to a person'),
  optOut: l('para de enviar mensagens ao contato', 'stops messaging the contact'),
  optOutIfSaid: l('para de enviar mensagens, se pedido', 'stops messaging, if asked to'),
  savePreferredChannel: l('salva o canal preferido do contato', 'saves the contact’s preferred channel'),
};

export const eventLabels: Record<FlowEvent['type'], Label> = {
  START: w('quando a conversa começa', 'when the conversation starts'),
  TEXT: w('quando o devedor escreve', 'when the debtor writes'),
  // toFlowEvent raises INTENT for what outranks any answer: a lawsuit, a dispute, a stop, a person…
  INTENT: w('quando a mensagem pede tratamento especial', 'when the message needs special handling'),
  'IDENTITY.OK': w('quando a identidade é confirmada', 'when the identity is confirmed'),
  'IDENTITY.FAILED': w('quando a identidade não confere', 'when the identity does not match'),
  'IDENTITY.NO_DEBT': w('quando a identidade confere sem dívida em aberto', 'when the identity matches with nothing owed'),
  'IDENTITY.PHONE_UNKNOWN': w('quando o telefone não é de nenhum devedor', 'when the phone matches no debtor'),
  'IDENTITY.UNLOCKED': w('quando o bloqueio de identidade não vale mais', 'when the identity lock no longer applies'),
  CONTACT: w('quando o devedor compartilha um contato', 'when the debtor shares a contact'),
  MEDIA: w('quando o devedor envia foto ou arquivo', 'when the debtor sends a photo or file'),
  'AGREEMENT.CREATED': w('quando o acordo é registrado', 'when the agreement is recorded'),
  'AGREEMENT.STATUS': w('quando a situação do acordo é consultada', 'when the agreement’s standing is read'),
  'RENEGOTIATION.READY': w('quando a renegociação pode começar', 'when the renegotiation can start'),
  'RENEGOTIATION.REFUSED': w('quando a renegociação é recusada', 'when the renegotiation is refused'),
  HANDBACK: w('quando a pessoa devolve a conversa ao robô', 'when an agent hands the conversation back'),
};

/** A label in `locale` with its `{param}` placeholders filled from `params` ("…" for a missing one). */
export function renderLabel(labelled: Labelled, params: unknown, locale: Locale): string {
  const given = (params ?? {}) as Record<string, unknown>;
  return labelled.label[locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = given[name];
    if (value === undefined) return '…';
    return labelled.values?.[name]?.[String(value)]?.[locale] ?? String(value);
  });
}
