/**
 * Lexicons of the hostility, promises and injection checks (pt-BR and en).
 *
 * Entries are written folded (lower case, no accents) in the phrase syntax of phraseMatcher.ts:
 * "a|b" alternatives, "stem*" prefixes, "…" up to two words in between. Spelling variants by
 * sound (cerasa/serasa, prosesar/processar), leetspeak and spelled-out letters are handled by the
 * matcher, so entries list the word once; `fuzzy` adds one-typo tolerance to long, unambiguous words.
 *
 * Every entry says why it is there. The guiding texts: CDC art. 42 and 71 (no ridicule,
 * embarrassment, threat or pressure in collection; good practice in B2B too), the product rules
 * (no excessive pressure, never expose the debtor), and the LLM prompt's own rules (add no
 * discount, waiver, deadline, urgency, guarantee, consequence or promise).
 *
 * Words the real templates use are deliberately absent or guarded ("cobrança", "bloqueadas",
 * "agora", "at once", "right now", "as soon as possible", "processo" alone): a check is relative
 * to its template anyway, but an entry that fires on a courteous sentence is a false positive on
 * every good rewording.
 */

import type { LexEntry } from './phraseMatcher.js';

const e = (id: string, phrase: string, why: string, fuzzy = false): LexEntry => (fuzzy ? { id, phrase, why, fuzzy } : { id, phrase, why });
/** An entry with words that, right after it, make it harmless ("processar o pagamento"). */
const u = (id: string, phrase: string, why: string, unless: string[]): LexEntry => ({ id, phrase, why, unless });

// =============================================================================================
// HOSTILITY: threatening, hostile, shaming or pressuring language. Ids are categories.
// =============================================================================================

export const HOSTILITY: readonly LexEntry[] = [
  // --- legal threats: the bot never threatens litigation (CDC art. 71); lawsuits go to a person
  u('legal threat', 'processar|processarmos|processaremos|processariamos|processarei|processara / processa lo|la|los|las', '"vamos processar" and kin: a lawsuit threat', ['pedido', 'pedidos', 'proposta', 'pagamento', 'pagamentos', 'solicitacao', 'dados', 'informacoes', 'cadastro', 'acordo', 'pix']),
  e('legal threat', 'processo|processos|acao|acoes judicial|judiciais', '"processo judicial", "ação judicial": litigation (plain "processo" is a neutral word)'),
  e('legal threat', 'acao|acoes de cobranca|execucao', '"ação de cobrança/execução": a collection lawsuit'),
  e('legal threat', 'cobranca|cobrancas … judicial|judiciais|juridica|juridicas|extrajudicial', '"cobrança judicial", "a cobrança será judicial" (plain "cobrança" is a neutral word the templates use)'),
  e('legal threat', 'execucao judicial|fiscal|forcada', 'enforcement proceedings'),
  e('legal threat', 'judicialmente / judicializ*', '"cobrar judicialmente", "judicializar a dívida"'),
  e('legal threat', 'via|vias judicial|judiciais', '"pela via judicial"'),
  e('legal threat', 'medidas|providencias|acoes judiciais|legais|cabiveis|juridicas|drasticas|severas / medidas|providencias serao|sera tomadas|adotadas', '"medidas cabíveis/judiciais", "medidas serão tomadas": the classic veiled threat'),
  e('legal threat', 'justica', 'courts ("entrar na justiça"); the bot never mentions them'),
  e('legal threat', 'tribunal|tribunais|juiz|juiza|juizo', 'courts and judges'),
  e('legal threat', 'oficial|oficiais de justica', 'bailiff'),
  e('legal threat', 'penhor*', '"penhora": seizure of assets'),
  e('legal threat', 'bloqueio|bloquear|bloquearemos|bloqueariamos … contas|bens|bancario|bancaria|bancarias / bloqueio judicial', 'freezing accounts or assets (the template\'s "tentativas bloqueadas" is the identity lock and is not listed)'),
  e('legal threat', 'protest*', '"protesto"/"protestar" a title at the notary: a public credit mark'),
  e('legal threat', 'cartorio*', 'notary office, where titles are protested'),
  e('legal threat', 'advogad*', '"nossos advogados": a lawyer threat; the bot has no reason to mention lawyers'),
  e('legal threat', 'departamento|setor|area|equipe juridico|juridica / encaminhar|encaminharemos|enviar|enviaremos ao|para juridico', '"encaminhar ao jurídico"'),
  e('legal threat', 'sue|suing|sued', '"we will sue"'),
  e('legal threat', 'lawsuit*|litigation|litigate', 'litigation'),
  e('legal threat', 'legal action|actions|proceedings|steps|measures|department|team', '"legal action", "our legal department"'),
  e('legal threat', 'take|taking|bring|brought … to court / court|courts', '"take you to court"'),
  e('legal threat', 'attorney*|lawyer*', 'lawyer threat'),
  e('legal threat', 'garnish*|seize|seizure|seized|repossess*|bailiff*', 'seizure of assets or wages'),
  e('legal threat', 'collection|collections agency|agencies', '"hand it to a collection agency"'),
  e('legal threat', 'graves|serias|severas|legais consequencia* / arcar|sofrer|enfrentar com|as … consequencia*', '"graves consequências", "arcar com as consequências": veiled threats'),
  e('legal threat', 'serious|severe|legal|dire consequences / face|suffer|bear … consequences', '"serious consequences"'),

  // --- credit bureaus: threatening a negative record is pressure (and never the bot's to decide)
  e('credit bureau', 'negativar|negativado|negativada|negativados|negativadas|negativacao|negativacoes|negativaremos|negativamos|negativando|negativarmos|negativara', '"negativar" and its forms (plain "negativa" is an ordinary adjective)', true),
  e('credit bureau', 'negativa lo|la|los|las / negativa|negativam sua|seu|a|o empresa|cnpj|nome', '"negativá-lo", "negativa sua empresa"'),
  e('credit bureau', 'serasa*', 'Serasa, the credit bureau'),
  e('credit bureau', 'spc|scpc|quod', 'SPC, SCPC, Quod: credit bureaus'),
  e('credit bureau', 'boa vista scpc|servicos', 'Boa Vista SCPC ("Boa Vista" alone is a city)'),
  e('credit bureau', 'cadastro|cadastros|lista|listas|registro de inadimplentes|devedores|maus|negativados|caloteiros', '"cadastro de inadimplentes"'),
  e('credit bureau', 'orgao|orgaos|servico|servicos|biro|biros|bureau … protecao|credito', '"órgãos de proteção ao crédito"'),
  e('credit bureau', 'protecao ao credito', 'credit protection services'),
  e('credit bureau', 'restricao|restricoes … nome|cpf|cnpj|credito', '"restrição no CNPJ"'),
  e('credit bureau', 'nome sujo|suja / sujar|sujaremos|sujo|suja … nome', '"seu nome sujo", "sujar o nome"'),
  e('credit bureau', 'score|pontuacao … cair|cai|caira|baixar|baixa|diminuir|despencar|prejudicado|prejudicada / cair|baixar|derrubar|prejudicar|destruir … score|credito', 'threatening the credit score'),
  e('credit bureau', 'credit bureau* / credit reporting / credit agency|agencies', 'credit bureaus'),
  e('credit bureau', 'equifax|experian|transunion', 'credit bureaus by name'),
  e('credit bureau', 'ruin|damage|hurt|destroy|wreck|tank … credit|score|rating', '"ruin your credit"'),
  e('credit bureau', 'bad credit / negative record|mark', 'credit threat'),
  e('credit bureau', 'report|reported|reporting you|your … to', '"we will report you to…"'),
  e('credit bureau', 'blacklist*', 'blacklisting'),

  // --- shaming and labels: ridicule and embarrassment (CDC art. 42)
  e('shaming', 'vergonh*|envergonh*|humilh*|constrang*|vexame|vexatori*', '"que vergonha", humiliation, embarrassment'),
  e('shaming', 'vergonha|vergonhoso|vergonhosa', 'misspelt "vergonha"', true),
  e('shaming', 'calot*', '"caloteiro", "calote": an insulting label'),
  e('shaming', 'caloteiro|caloteira|caloteiros', 'misspelt "caloteiro"', true),
  e('shaming', 'mau|mal|ma|maus|mas pagador|pagadora|pagadores|pagadoras', '"mau pagador"'),
  e('shaming', 'devedor|devedora|devedores|inadimplente|inadimplentes contumaz|contumazes|cronico|cronica', 'labelling as a chronic defaulter'),
  e('shaming', 'irresponsav*|irresponsabilidade', 'blaming'),
  e('shaming', 'desonest*|picaret*|golpist*|vigarist*|trapaceir*|pilantr*|safad*|vagabund*|mentiros*|trambiqueir*', 'insulting labels'),
  e('shaming', 'sem vergonha / cara de pau', 'insult'),
  e('shaming', 'devendo|atrasado|atrasada|atrasados|inadimplente|inadimplentes ha|faz … meses|anos|tempo / devendo ha|faz muito', '"vocês estão devendo há meses": blame'),
  e('shaming', 'owed|owing|overdue|unpaid|behind for … months|years|ages|long', '"you have owed this for months": blame'),
  e('shaming', 'enrolacao|enrolando|enrolar|enrolada|enrolado', '"stalling": blaming the debtor'),
  e('shaming', 'todo|todos mundo|os … vai|vao|ficara|ficarao saber', '"todo mundo vai saber": exposure threat'),
  e('shaming', 'seus|sua|seu clientes|fornecedores|funcionarios|familia|vizinhos|socios|chefe|parceiros … saber|sabendo|descobrir|descobrirao|informados|avisados', 'exposing the debt to third parties'),
  e('shaming', 'informar|informaremos|avisar|avisaremos|comunicar|comunicaremos|contar|contaremos … seus|sua|seu|aos clientes|fornecedores|funcionarios|socios|parceiros|chefe|familia', 'telling third parties about the debt'),
  e('shaming', 'expor|exporemos|expormos|exposta|exposto … empresa|nome|publicamente / publicamente / redes sociais', 'public exposure ("expor as condições" is not listed: it means "to set out")'),
  e('shaming', 'deadbeat* / dead beat|beats', '"deadbeat"'),
  e('shaming', 'deadbeat|deadbeats', 'misspelt "deadbeat"', true),
  e('shaming', 'shame|shameful|shameless|ashamed|disgrace*|embarrass*|humiliat*', 'shaming, embarrassment'),
  e('shaming', 'irresponsible|dishonest|liar|liars|cheater|cheaters|scammer*|fraudster*|thief|thieves|crook*|loser*|freeloader*', 'insulting labels'),
  e('shaming', 'bad payer|payers / delinquent|delinquents', 'labelling as a defaulter'),
  e('shaming', 'everyone|everybody … will know / everyone|everybody … find out', 'exposure threat'),
  e('shaming', 'your clients|customers|suppliers|employees|boss|family|neighbors|neighbours|partners … know|hear|told|informed / your clients|customers|suppliers|employees|boss|family … find out', 'exposing the debt to third parties'),
  e('shaming', 'tell|inform|notify|contact … your clients|customers|suppliers|employees|boss|family|partners', 'telling third parties about the debt'),
  e('shaming', 'publicly / social media', 'public exposure'),

  // --- insults
  e('insult', 'idiota*|imbecil*|estupid*|otari*|burro|burra|burros|burrice|incompetent*|ridicul*|palhac*|patetic*|inutil|inuteis|lixo', 'insults ("incompetent", "ridiculous" also catch English)'),
  e('insult', 'cala|cale a boca', '"cala a boca"'),
  e('insult', 'stupid*|idiot*|moron*|dumb|pathetic|useless|clown*|imbecile*', 'insults'),
  e('insult', 'shut up', '"shut up"'),

  // --- pressure and urgency: no excessive pressure (product rule 3)
  e('pressure', 'ultima|ultimo chance|oportunidade|aviso|alerta|tentativa|notificacao', '"última chance", "último aviso"'),
  e('pressure', 'aviso|notificacao final|definitivo|definitiva', '"aviso final"'),
  e('pressure', 'prazo final|esgotado|esgotando|acabando|encerrado', '"prazo final": deadline pressure'),
  e('pressure', 'imediat*', '"imediatamente": pressure'),
  e('pressure', 'urgent*|urgencia|urgencias', '"urgente", "urgent"'),
  e('pressure', 'o quanto antes / o mais rapido|breve|depressa possivel', 'ASAP pressure'),
  e('pressure', 'sem mais demora|delongas|desculpas|adiamentos|enrolacao / sem demora', '"sem mais desculpas"'),
  e('pressure', 'chega de desculpas|enrolacao|espera', '"chega de desculpas"'),
  e('pressure', 'nao aceitamos|aceitaremos|aceito desculpas|atrasos|justificativas', 'refusing excuses'),
  e('pressure', 'nao ha|tem|existe|resta outra|outras … escolha|alternativa|saida|opcao / nao ha|tem|existe|resta escolha|alternativa|saida', '"não há alternativa"'),
  e('pressure', 'nao adianta fugir|ignorar|esconder|se', '"não adianta fugir"'),
  e('pressure', 'estamos de olho / sabemos onde', 'surveillance, intimidation'),
  e('pressure', 'vamos|iremos|vou ate sua|a empresa|sede|escritorio / vamos|iremos|vou ate ai / visita|visitar|visitaremos … empresa|sede|escritorio|cobrador', 'threat of a visit'),
  e('pressure', 'cobrador|cobradores', 'a debt collector (person) threat'),
  e('pressure', 'tem|tera|terao que|de pagar|quitar|regularizar|acertar', '"você tem que pagar"'),
  e('pressure', 'deve|devem|devera|deverao|precisa|precisam … pagar|quitar|regularizar … agora|ja|hoje|logo / obrigado|obrigada|obrigados a pagar|quitar', '"precisa pagar já"'),
  e('pressure', 'pague|paguem|quite|quitem|regularize|regularizem ja|agora|hoje|logo / pague|paguem … agora mesmo', '"pague já"'),
  e('pressure', 'exigimos|exijo|exigiremos|exigencia', 'demanding'),
  e('pressure', 'obrigatoriamente|obrigatorio', '"pagamento obrigatório"'),
  e('pressure', 'ligaremos|ligar|ligando|mensagens|cobrar|cobraremos … todos os dias / ligaremos|ligar|ligando|mensagens|cobrar|cobraremos … toda hora / ligaremos|ligar|ligando|mensagens|cobrar|cobraremos … sem parar / ligaremos|cobrar|cobraremos … ate pagar', 'harassment by repeated contact'),
  e('pressure', 'you must … pay|settle / you have to pay|settle / you had better|better pay|settle', '"you must pay now"'),
  e('pressure', 'must be paid|settled / has|needs to be paid|settled', '"must be paid"'),
  e('pressure', 'pay|settle immediately|asap|tonight / pay up', '"pay immediately" (the template\'s "pay … at once" means in one payment and is not listed)'),
  e('pressure', 'last|final chance|warning|notice|opportunity|reminder', '"last chance", "final warning"'),
  e('pressure', 'immediately|asap|urgently', 'urgency'),
  e('pressure', 'pay|pays|paying|paid|payment|payments|settle|settled|settling|settlement|regularize|regularise … as soon as possible / without delay / without further delay / no more delays', 'urgency; "as soon as possible" only about paying (a person answering "as soon as possible", as handoff.waitingSoon says, is courtesy)'),
  e('pressure', 'no|enough … excuse|excuses', 'refusing excuses'),
  e('pressure', 'no other choice|alternative|option / no choice|alternative / no way out', '"you have no choice"'),
  e('pressure', 'we know where / we are|were watching', 'intimidation'),
  e('pressure', 'you cannot|cant hide|run|escape / you can not hide|run|escape', 'intimidation'),
  e('pressure', 'keep calling / call you every / visit your|you / come to your', 'harassment'),
  e('pressure', 'debt collector* / collectors', 'a debt collector threat'),
  e('pressure', 'or else', '"or else"'),
];

// =============================================================================================
// PROMISES: things a rewording may not promise unless the template (or, for a discount, the
// facts) already does. Ids are concepts; a concept the template expresses is allowed.
// =============================================================================================

export const PROMISES: readonly LexEntry[] = [
  // --- discounts: only with a discount in the facts (offer.discountPercent > 0) or the template
  e('discount', 'desconto|descontos|descontao|abatimento|abatimentos|abater|abatemos|discount|discounts|discounted|rebate', 'a discount the facts may not have'),
  e('discount', 'reduzir|reduzimos|reduziremos|reducao … valor|divida|total|juros|parcela|parcelas', '"reduzir o valor": a discount by another name'),
  e('discount', 'reduce|reduced|reduction|lower|cut … amount|debt|total|balance|price|interest', '"reduce the amount"'),
  e('extra discount', 'desconto|descontos adicional|adicionais|extra|extras|maior|maiores|especial|exclusivo|progressivo / mais|outro|novo desconto', '"desconto adicional": more than the offer'),
  e('extra discount', 'additional|extra|bigger|larger|better|special|exclusive|further|another discount|discounts', '"an extra discount"'),
  e('extra discount', 'melhorar|melhoramos|melhoraremos … proposta|oferta|condicao|condicoes|desconto', '"posso melhorar a proposta": a future concession'),
  e('extra discount', 'better|improve|sweeten … deal|offer', '"a better deal"'),
  // --- waivers: interest, fees or the debt itself forgiven
  e('waiver', 'isencao|isento|isenta|isentos|isentar|isentamos|isentaremos', '"isenção de juros"'),
  e('waiver', 'sem juros|multa|multas|encargos|correcao|acrescimos|acrescimo|taxas', '"sem juros": a waiver the facts do not state'),
  e('waiver', 'juros|multa|encargos zero|zerado|zerados|zerada|zeradas / zerar|zeramos|zeraremos … juros|multa|encargos / zero de juros|multa|encargos', '"juros zero", "zerar os juros"'),
  e('waiver', 'perdao … divida|juros|multa|debito|encargos / perdoar|perdoamos|perdoaremos|perdoada|perdoado|perdoa … divida|juros|multa|debito|encargos|valor', '"perdão da dívida" (plain "perdão" is an apology)'),
  e('waiver', 'anistia*|abonar|abono|abonamos|abonaremos', 'amnesty, write-off'),
  e('waiver', 'dispensa|dispensar|dispensamos|dispensaremos|retirar|retiramos|retiraremos|tirar|tiramos|cancelar|cancelamos|cancelaremos|cancelamento … juros|multa|encargos|divida|debito|taxas', '"cancelar os juros", "dispensa da multa"'),
  e('waiver', 'waive|waived|waiver|waiving|amnesty / forgive|forgiven|forgiveness|forgiving … debt|interest|fees|fee|balance|amount / debt forgiveness', 'waiver, forgiveness ("forgive me" is an apology)'),
  e('waiver', 'interest free / fee free / penalty free', '"interest-free"'),
  e('waiver', 'no|without|zero|free of … interest|fees|fee|penalty|penalties|charges', '"no interest", "without fees"'),
  e('waiver', 'write|written|writing off / cancel|cancelled|canceled … debt|interest|fees|fee', '"cancel the debt"'),
  // --- deadlines and urgency that the template does not set
  e('deadline', 'so|somente|apenas|exclusivamente|valido|valida|vale|ate … hoje / hoje mesmo / ainda hoje', '"só hoje", "válida até hoje"'),
  e('deadline', 'ate|vence|vencer|expira|termina|acaba|encerra amanha / antes de amanha', '"até amanhã"'),
  e('deadline', 'expira|expirar|expirara|expiram|expiracao|expirada|expirado', 'an expiry the facts do not give'),
  e('deadline', 'tempo limitado / oferta relampago / por pouco tempo / enquanto durar|durarem', 'scarcity'),
  e('deadline', 'ultimo dia / ultima chance|oportunidade / prazo final|limite / data limite', 'a final deadline'),
  e('deadline', 'corra / aproveite ja|agora|logo / nao perca / nao deixe passar', '"corra", "não perca"'),
  e('deadline', 'ate|antes … fim|final do dia|expediente', '"até o fim do dia"'),
  e('deadline', 'nas proximas … horas|minutos|dias', '"nas próximas 24 horas"'),
  e('deadline', 'today only / only today / only for today / valid today / until today / by today / ends today / expires today', '"today only"'),
  e('deadline', 'by|until|before|expires|ends tomorrow|tonight', '"by tomorrow"'),
  e('deadline', 'expire|expires|expiring|expired|expiration|expiry', 'an expiry'),
  e('deadline', 'limited time|offer / while it|they last|lasts / one time offer / final offer', 'scarcity'),
  e('deadline', 'last chance|day / final|hard deadline', 'a final deadline'),
  e('deadline', 'act now|fast|quickly / hurry / dont miss / do not miss', 'urgency'),
  e('deadline', 'before its too late / before it is too late', '"before it\'s too late"'),
  e('deadline', 'end of … day|today', '"by end of day"'),
  e('deadline', 'within|in the next … hours|minutes|days', '"within the next 24 hours"'),
  // --- guarantees
  e('guarantee', 'garanto|garantimos|garantiremos|garantido|garantida|garantidos|garantidas', '"garanto que…"'),
  e('guarantee', 'garantia de / com garantia / sem risco|riscos / risco zero', 'guarantee, no-risk'),
  e('guarantee', 'prometo|prometemos|prometeremos|promessa|promessas', 'a promise in so many words'),
  e('guarantee', 'asseguro|asseguramos / com certeza sera|vai / certeza absoluta', 'assurance'),
  e('guarantee', 'i|we guarantee|promise', '"we guarantee", "I promise"'),
  e('guarantee', 'guaranteed|guarantees / risk free / no risk / rest assured', 'guarantee'),
  e('guarantee', 'pre aprovado|aprovada|approved / aprovacao garantida', 'pre-approval'),
  // --- credit record and "nome limpo"
  e('credit', 'nome limpo|limpa / limpar|limpa|limpamos|limparemos … nome|cpf|cnpj|ficha|historico / fica|ficara|ficar|estara|ficam limpo|limpa|limpos', '"nome limpo", "o nome fica limpo"'),
  e('credit', 'tirar|tiramos|retirar|retiramos|remover|removemos|excluir|excluimos … nome|negativacao|restricao|restricoes|protesto / baixa|baixar … negativacao|restricao|restricoes|protesto', '"tirar o nome do Serasa"'),
  e('credit', 'sair|sai|saia|saira … serasa|spc|negativacao|cadastro', '"sair do Serasa"'),
  e('credit', 'score', 'credit score: neither promised nor threatened'),
  e('credit', 'pontuacao|historico|reputacao de credito / credito liberado|aprovado / voltar a ter credito / recuperar o credito', 'credit history, credit restored'),
  e('credit', 'credit score|rating|history|record|report|standing', 'credit record'),
  e('credit', 'clean|clear|restore|repair|improve|boost … name|record|credit|score|rating', '"clear your name"'),
  // --- legal claims: the bot gives no legal advice or characterisation
  e('legal', 'por|pela|a|da|na|em lei / lei n|federal / leis', 'a legal claim'),
  e('legal', 'codigo de defesa / codigo civil / cdc|artigo|artigos|art', 'citing statutes'),
  e('legal', 'juridicamente|legalmente / obrigacao legal / obrigado por lei / validade juridica|legal / titulo executivo / forca de lei', 'legal characterisation'),
  e('legal', 'prescri*|prescrev*|caduc*', 'limitation period ("a dívida prescreve")'),
  e('legal', 'tem|tera|possui|possuem … direito|direitos', '"você tem direito a…"'),
  e('legal', 'by|under law / the law / legally / legal right|rights|obligation / statute|statutes|enforceable / court order / regulation|regulations', 'a legal claim'),
  e('legal', 'entitled to / consumer protection / statute of limitations', 'legal rights'),
  // --- contact and timing promises the handoff template does not make
  e('contact', 'ligar|ligaremos|ligara|ligarao|telefonar|telefonaremos|telefonema|ligacao', 'a phone call the template does not promise'),
  e('contact', 'call|phone|ring you / give you a call', '"we will call you"'),
  e('contact', 'em instantes / em poucos|alguns minutos / num instante / agora mesmo / rapidinho', 'a response time the template does not give'),
  e('contact', 'right away / in a few minutes / within minutes / in a moment / shortly / in no time / straight away', 'a response time'),
  // --- consequences the template does not state (the prompt's "no consequence" rule)
  e('consequence', 'volta|voltara|retorna|retornara … valor original|integral|cheio / volta|voltara|retorna|retornara ao|para … original|integral / perde|perdera|perdem … desconto|beneficio|condicao / vencimento antecipado / acordo … cai|caira|cancelado|cancelada|desfeito|rompido / tudo vence|vencera / vence|vencera tudo', 'a consequence of not paying that the template does not state'),
  e('consequence', 'full|original|entire|whole amount|balance … applies|apply|back / becomes|become due|payable / plus interest / lose|lost|forfeit … discount / agreement … cancelled|canceled|void|terminated|voided / acceleration', 'a consequence of not paying'),
  // --- perks that do not exist
  e('benefit', 'brinde|brindes|bonus|cashback|sorteio|premio|premios / vantagem exclusiva', 'a perk the facts do not have'),
  e('benefit', 'gift|gifts|reward|rewards|prize|prizes|freebie|voucher|coupon', 'a perk'),
];

// =============================================================================================
// STATUS: claims about where the debt or the agreement stands. The facts say that, never the
// wording: "sua dívida está quitada" to a debtor who owes, "o acordo foi cancelado" about an
// agreement in force, or "desconsidere esta mensagem" turn a collection message into its opposite
// (and mislead the debtor: CDC art. 42). Ids are claims; a claim the template makes is allowed,
// and 'settled' / 'cancelled' also when the facts say so (status.ts).
// =============================================================================================

export const STATUS: readonly LexEntry[] = [
  // --- settled, paid, nothing owed
  e('settled', 'quitad*|liquidad*', '"dívida quitada", "débito liquidado": the debt described as paid off'),
  e('settled', 'quitacao|quitacoes', '"quitação": discharge of the debt'),
  e('settled', 'nada consta|constam / nada em aberto|pendente|devido / nada a pagar|quitar|regularizar', '"nada consta", "nada a pagar"'),
  e('settled', 'nao ha|existe|existem|consta|constam|encontrei|encontramos|temos|possui|tem … pendencia|pendencias|debito|debitos|divida|dividas|valores|titulos|faturas', '"não há pendências": nothing owed (the noDebt template says it, so its rewordings may)'),
  e('settled', 'nenhum|nenhuma pendencia|debito|divida|valor|titulo|fatura … aberto|pendente|devido|a pagar', '"nenhuma pendência em aberto"'),
  e('settled', 'nao deve|devem|devemos … nada / nao ha mais nada', '"a empresa não deve nada"'),
  e('settled', 'divida|dividas|debito|debitos|pendencia|pendencias|saldo|titulo|titulos|fatura|faturas|nota|notas … foi|foram|esta|estao|ja|fica|ficou|ficam|ficaram paga|pagas|pago|pagos|zerad*|encerrad*|baixad*|resolvid*|regularizad*', '"a dívida foi paga", "pendência resolvida" ("a dívida a ser paga" is not a claim)'),
  e('settled', 'saldo|divida|debito zerad*', '"saldo zerado"'),
  e('settled', 'esta|estao|ficou|ficaram|fica|ficam … em dia', '"está em dia": nothing late (the agreement.existing template says it of the agreement)'),
  e('settled', 'pagamento|pagamentos|pix|transferencia|deposito … recebido|recebidos|confirmado|confirmados|identificado|identificados|compensado|compensados|aprovado|creditado', '"pagamento recebido/confirmado": the bot never confirms a payment'),
  e('settled', 'recebemos|confirmamos|identificamos|registramos|compensamos … pagamento|pagamentos|pix|transferencia|deposito|quitacao', '"recebemos o seu pagamento"'),
  e('settled', 'paid in full / fully paid / paid off / settled in full / fully settled / in good standing / all paid up / paid up', '"paid in full"'),
  e('settled', 'debt|debts|balance|account|invoice|invoices|bill|bills … is|are|was|were|been settled|cleared|paid|closed|zeroed|resolved', '"your balance has been settled" ("invoices to be paid" is not a claim)'),
  e('settled', 'nothing owed|due|outstanding|pending|open / owe|owes nothing / no longer owe|owes / zero balance / balance of zero / no outstanding|open|pending debt|debts|balance|invoices|amount|amounts', '"nothing outstanding" (the noDebt template says "nothing open")'),
  e('settled', 'payment|payments … received|confirmed|identified|cleared|credited / received|confirmed|identified … your|the payment|payments', '"payment received": the bot never confirms a payment'),
  e('settled', 'is|are|stays|remains|now up to date', '"your account is up to date"'),
  // --- cancelled, suspended, forgiven
  e('cancelled', 'acordo|acordos|divida|dividas|cobranca|cobrancas|debito|debitos|fatura|faturas|parcela|parcelas|titulo|titulos … cancelad*|anulad*|suspens*|desfeit*|rompid*|extint*|perdoad*|invalidad*', '"o acordo foi cancelado", "cobrança suspensa"'),
  e('cancelled', 'cancelamos|cancelei|anulamos|suspendemos|encerramos|retiramos|perdoamos … acordo|cobranca|divida|debito|fatura|faturas|parcelas', '"cancelamos a cobrança"'),
  e('cancelled', 'cancelamento|suspensao … acordo|cobranca|divida|debito', '"cancelamento do acordo"'),
  e('cancelled', 'agreement|agreements|debt|debts|collection|invoice|invoices|plan|instalments|installments|claim … cancelled|canceled|void|voided|terminated|suspended|withdrawn|revoked|forgiven|annulled|dropped', '"the agreement has been cancelled", "your debt was forgiven"'),
  e('cancelled', 'we|weve cancelled|canceled|withdrawn|terminated|forgiven|voided / we have cancelled|canceled|withdrawn|terminated|forgiven|voided', '"we have cancelled…" ("we have suspended automatic messages" is the handoff notice)'),
  e('cancelled', 'written off / write off|offs', '"written off"'),
  // --- "ignore this message": the collection message taking itself back
  e('disregard', 'desconsidere|desconsiderem|desconsiderar|ignore|ignorem|ignorar|despreze|desprezem|esqueca|esquecam … mensagem|mensagens|cobranca|aviso|notificacao|comunicado|contato|email|isso|esta|este|essa|esse', '"desconsidere esta mensagem"'),
  e('disregard', 'pode|podem|favor … desconsiderar|ignorar|desprezar', '"pode desconsiderar"'),
  e('disregard', 'enviad*|mandad*|recebid* por engano|erro|equivoco / foi um engano|equivoco / mensagem … engano|equivoco', '"enviada por engano"'),
  e('disregard', 'disregard|ignore … message|messages|notice|reminder|email|letter|this|it / please disregard|ignore', '"please disregard this message"'),
  e('disregard', 'sent|received in error / sent|received by mistake|accident / was a mistake / was an error', '"sent in error"'),
];

// =============================================================================================
// OTHER DEBTORS: a message about one debtor's debt never mentions other debtors, whether as
// company ("outros clientes também atrasaram") or as pressure by comparison (product rule 6:
// never expose a debtor; foreignData.ts).
// =============================================================================================

export const OTHER_DEBTORS: readonly LexEntry[] = [
  e('other debtors', 'outros|outras|demais|muitos|muitas|varios|varias clientes|devedores|devedoras|inadimplentes|consumidores|pagadores|caloteiros', '"outros clientes também…", "muitos devedores"'),
  e('other debtors', 'outro|outra cliente|devedor|devedora|inadimplente', '"outro devedor"'),
  e('other debtors', 'outras|demais|muitas|varias empresas … devem|devendo|deviam|atrasad*|inadimplent*|negociaram|pagaram|quitaram|acordo|acordos|situacao', '"outras empresas na mesma situação já pagaram"'),
  e('other debtors', 'other|many|several|most clients|customers|debtors|borrowers|payers / other client|customer|debtor|borrower / everyone else', '"other debtors have…"'),
  e('other debtors', 'other|many|several|most companies|businesses … owe|owed|owing|paid|settled|in your situation|in the same situation|behind', '"other companies in your situation already paid"'),
];

// =============================================================================================
// INJECTION: the text obeys or echoes instructions instead of being a message.
// Ids: 'ai' (self-reference as a model), 'instruction' (obeying/echoing instructions),
// 'leak' (our prompt or the data structure showing), 'meta' (commentary on the rewriting).
// =============================================================================================

export const INJECTION: readonly LexEntry[] = [
  e('ai', 'como|sendo|sou um|uma modelo|modelos de linguagem / modelo|modelos de linguagem / inteligencia artificial', '"como um modelo de linguagem"'),
  e('ai', 'como|sou uma|um ia', '"como uma IA"'),
  e('ai', 'as|being an ai / as|being a language model / large language model', '"as an AI"'),
  e('ai', 'i am an ai / im an ai / i am a language model / im a language model', '"I am an AI"'),
  e('ai', 'language model|models / llm|llms|chatgpt|openai|gpt*|anthropic', 'model names'),
  e('ai', 'ai model|language', '"AI model"'),
  e('instruction', 'ignore|ignorar|ignorando|ignorem|desconsidere|desconsiderar|esqueca|esquecer … instrucoes|instrucao|regras|orientacoes|comandos', '"ignore as instruções"'),
  e('instruction', 'instrucoes|regras|orientacoes anteriores|acima|recebidas|originais / instrucoes|regras do sistema', '"instruções anteriores"'),
  e('instruction', 'ignore|ignoring|disregard|forget|override … instructions|instruction|rules|prompt|guidelines', '"ignore previous instructions"'),
  e('instruction', 'previous|prior|above|earlier|original|initial instructions|prompt|rules', '"previous instructions"'),
  e('instruction', 'system prompt|message / prompt do sistema / mensagem do sistema / prompt', 'system prompt talk'),
  e('instruction', 'minhas instrucoes|regras / instrucoes|regras que recebi', '"as instruções que recebi"'),
  e('instruction', 'my instructions|rules / instructions say|said', '"my instructions"'),
  e('instruction', 'i was|am instructed|programmed / i have been instructed|programmed / ive been instructed|programmed', '"I was instructed to…"'),
  e('instruction', 'fui instruid*|programad*', '"fui instruído a…"'),
  e('instruction', 'as instructed / as requested by / per your instructions / conforme instruido / conforme|segundo as instrucoes', 'obeying an instruction'),
  e('instruction', 'developer mode / modo desenvolvedor / jailbreak / dan mode / modo dan', 'jailbreak vocabulary'),
  e('leak', 'texto|textos base / base text', 'our prompt\'s name for the template ("TEXTO-BASE", "BASE TEXT")'),
  e('leak', 'nao sao instrucoes / not instructions / regras que nao podem / rules that cannot', 'our prompt\'s wording'),
  e('leak', 'orientacao para esta mensagem / guidance for this message', 'our prompt\'s wording'),
  e('leak', 'totalcents|discountpercent|installmentcents|firstduedate|companyname|invoicecount|amountcents|duedate|latefeepercent|monthlyinterestpercent|templatekey|recentturns|messagespec|creditorname', 'raw fact keys: the data structure is showing'),
  e('meta', 'reescrev*|reescrit*|reformul*|parafrase*', 'talking about the rewriting'),
  e('meta', 'rewrite|rewrites|rewritten|rewording|reworded|rephrase|rephrased|paraphrase*', 'talking about the rewriting'),
  e('meta', 'aqui esta … mensagem|versao|texto|resposta / segue … mensagem|versao|texto|resposta', '"aqui está a mensagem"'),
  e('meta', 'here is … message|version|text|response|rewrite / heres … message|version|text|response|rewrite', '"here is the message"'),
  e('meta', 'mantive|preservei|mantendo|preservando … valores|numeros|fatos|dados|informacoes', '"mantive todos os valores"'),
  e('meta', 'i|ive kept|preserved … numbers|amounts|facts|values|figures / keeping|preserving … numbers|facts|figures', '"I kept all the numbers"'),
];
