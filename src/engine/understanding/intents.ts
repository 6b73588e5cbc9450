/**
 * Intents: what the debtor wants besides the numbers. Lexicons of regular expressions over the
 * normalised text (lower case, no accents, abbreviations expanded — see normalize.ts), so every
 * entry below is written without accents and in canonical spelling.
 *
 * Each entry is `negatable` unless it carries its own negation ("não reconheço") or negation does
 * not change what it signals (an insult is an insult; "não vou entrar na justiça... ainda" still
 * needs a person). A negatable entry only counts if no negator reaches it (negation.ts, bridge
 * mode): "não quero falar com atendente" is not `human`, "não paguei ainda" is not `dispute`.
 *
 * All patterns are alternations of literal words with bounded optional pieces: no nested
 * quantifiers, so they run in linear time on the (capped) input.
 */

import { isNegated } from './negation.js';

export type Intent =
  | 'human'
  | 'dispute'
  | 'judicial'
  | 'hardship'
  | 'renegotiate'
  | 'pixCopy'
  | 'optout'
  | 'insult'
  | 'greeting'
  | 'thanks'
  | 'help';

/** Most important first: the flow should act on the first intent it handles. */
export const INTENT_PRIORITY: readonly Intent[] = [
  'judicial', 'dispute', 'optout', 'human', 'insult', 'hardship', 'renegotiate', 'pixCopy', 'help', 'thanks', 'greeting',
];

interface Entry {
  re: RegExp;
  negatable: boolean;
}

// Compiled once with the global flag: detectIntents() iterates every match (one may be negated).
const neg = (re: RegExp): Entry => ({ re: new RegExp(re.source, 'g'), negatable: true });
const fixed = (re: RegExp): Entry => ({ re: new RegExp(re.source, 'g'), negatable: false });

const LEXICON: Readonly<Record<Intent, readonly Entry[]>> = {
  /**
   * Legal or insolvency matters: always a person's job. Not negatable on purpose: "não estamos em
   * recuperação judicial" or "não quero processar ninguém" still put a legal topic on the table,
   * and a wrong escalation costs less than a bot negotiating with a company in RJ.
   */
  judicial: [
    fixed(/\brecuperacao (?:judicial|extrajudicial)\b/),
    // "RJ" is also Rio de Janeiro ("no RJ", "do RJ"): only with words of a filing.
    fixed(/\b(?:em|com|pedido de|pedimos|pedir|entrar com|entramos com|entrou com|entrando com|estamos em|esta em|processo de) (?:uma |a )?rj\b/),
    fixed(/\b(?:falencia|falid[oa]s?|faliu|falimos|autofalencia|massa falida)\b/),
    // "vou processar o pagamento" is back-office talk, not a lawsuit
    fixed(/\b(?:vou|vamos|irei|iremos|posso|podemos|vai|vao) (?:te |lhe |os |vos |voces )?processar\b(?! (?:o |a |os |as |seu |sua |nosso |nossa )?(?:pagamento|pagamentos|pedido|boleto|pix|transferencia|nota|arquivo|lote|remessa))/),
    fixed(/\bprocessar (?:voces|voce|vc|a empresa|essa empresa|vcs|todos|o banco)\b/),
    fixed(/\b(?:ser|serao|sera|vai ser|vao ser) processad[oa]s?\b/),
    fixed(/\b(?:entrar|entrando|entramos|entrei|entrou|abrir|abrimos|mover|movendo|movemos) (?:com |na )?(?:um |uma )?(?:processo|acao)\b/),
    fixed(/\bprocesso (?:judicial|contra|na justica|civil|trabalhista|de cobranca)\b/),
    fixed(/\b(?:na|pra|para a|a) justica\b/),
    fixed(/\b(?:advogad[oa]s?|juridico|judicial|judicialmente|tribunal|juiz(?! de fora)|juizado|procon|defensoria|liminar|acao judicial|notificacao extrajudicial)\b/),
    // a public complaint is a formal/reputational threat: same path as legal matters
    fixed(/\breclame aqui\b/),
    fixed(/\b(?:bankrupt|bankruptcy|chapter (?:7|11)|lawsuit|lawsuits|sue|suing|sued|lawyer|lawyers|attorney|attorneys|legal action|legal department|court|insolvency|insolvent|receivership|judicial recovery)\b/),
  ],
  dispute: [
    // "já pago amanhã" is a promise ("I'll pay right away"), so bare "já pago" is not here
    neg(/\bja (?:foi|esta|ta|estava|tinha sido|havia sido|foram|estao|estamos|estou) (?:tudo )?(?:pag[oa]s?|quitad[oa]s?|liquidad[oa]s?|acertad[oa]s?|negociad[oa]s?|renegociad[oa]s?|em dia)\b/),
    neg(/\bja (?:tinha |havia )?(?:paguei|pagamos|pagou|pago tudo|quitei|quitamos|quitou|quitad[oa]s?|liquidei|liquidamos|liquidad[oa]s?|acertei|acertamos|negociei|negociamos|renegociamos|fizemos (?:um |o )?acordo|fiz (?:um |o )?acordo)\b/),
    neg(/\b(?:paguei|quitei|liquidei)\b/),
    neg(/\b(?:pagamos|quitamos) (?:ontem|semana passada|mes passado|tudo|essa|esse|isso|essa divida|certinho)\b/),
    neg(/\b(?:esta|ta|foi|estao|foram) (?:tudo |todas? |todos? )?(?:pag[oa]s?|quitad[oa]s?|liquidad[oa]s?)\b/),
    fixed(/\bnao (?:reconheco|reconhecemos|conheco essa|conhecemos essa|conheco esse|conhecemos esse|conheco essa empresa)\b/),
    fixed(/\bdesconhe(?:co|cemos|cido|cida)\b/),
    fixed(/\bnao (?:devo|devemos)\b(?! (?:conseguir|ter|poder|dar|estar|ser|pagar tudo|conseguir pagar)\b)/),
    fixed(/\bnao (?:estou|estamos|to) devendo\b/),
    fixed(/\bnao (?:tenho|temos) (?:nenhuma |essa )?divida\b/),
    fixed(/\bnao (?:e|eh) (?:minha|nossa|meu|nosso|da gente|comigo|daqui|dessa empresa|da nossa empresa)\b/),
    fixed(/\bnunca (?:comprei|compramos|contratei|contratamos|pedi|pedimos|recebi|recebemos|assinei|assinamos|fizemos|fiz)\b/),
    fixed(/\bnao (?:compramos|comprei|contratamos|contratei|recebi|recebemos|pedimos|pedi|fizemos|fiz|assinei|assinamos) (?:nada|isso|esse|essa|nenhum|nenhuma|o produto|a mercadoria|o servico)\b/),
    fixed(/\b(?:cobranca|valor|divida|conta|nota|boleto|fatura|titulo) (?:e |esta |ta )?indevid[oa]\b/),
    neg(/\b(?:valor|cobranca|conta|nota|boleto|fatura|divida|calculo|juros|multa|isso|isto|ai|tudo) (?:esta |ta |e |veio |tao |estao )?(?:muito )?(?:errad[oa]s?|incorret[oa]s?)\b/),
    neg(/\b(?:esta|ta|tudo) errad[oa]\b/),
    fixed(/\b(?:numero|pessoa|empresa|contato|cnpj) errad[oa]\b/),
    fixed(/\b(?:engano|equivoco|golpe|golpista|golpistas|fraude|estelionato)\b/),
    fixed(/\bcontest(?:o|amos|ar|ando|acao)\b/),
    fixed(/\bcobranca (?:duplicada|em duplicidade)\b/),
    fixed(/\b(?:already paid|just paid|paid (?:it|this|that|everything) already|paid in full)\b/),
    neg(/\b(?:i|we) (?:already )?paid\b/),
    fixed(/\b(?:dont|do not|doesnt|does not) (?:owe|recognize|recognise)\b/),
    fixed(/\bnot (?:our|my) (?:debt|invoice|bill|company)\b/),
    neg(/\b(?:this|that|it|its|the amount|amount|invoice|bill|charge) (?:is )?(?:wrong|incorrect)\b/),
    fixed(/\bwrong (?:amount|invoice|company|person|number|value|contact)\b/),
    fixed(/\bnot the right (?:person|company|contact)\b/),
    fixed(/\bnever (?:bought|ordered|received|signed|hired)\b/),
    fixed(/\b(?:scam|fraud|dispute|disputing)\b/),
  ],
  optout: [
    // whole message: "pare", "PARAR", "stop", "sair" (mid-sentence these words are too common)
    fixed(/^(?:parar|pare|para|parem|sair|stop|chega|basta|descadastrar|unsubscribe|cancelar envio|remover)\s*[.!]*$/),
    fixed(/\b(?:para|pare|parem|parar|paren) de (?:me |nos )?(?:mandar|enviar|mandarem|enviarem|encher|incomodar|perturbar|ligar|chamar|importunar|cobrar|escrever|mandar mensagem)\b/),
    fixed(/\bnao (?:quero|queremos|desejo|desejamos|gostaria de) (?:mais )?(?:receber )?(?:mais )?(?:mensagens?|essas mensagens|contato|sms|whatsapp|notificac\w*|cobrancas? por (?:aqui|mensagem|whatsapp))\b/),
    fixed(/\bnao (?:me |nos )?(?:mande|mandem|manda|envie|enviem|envia|escreva|escrevam|ligue|liguem|chame|chamem|procure|procurem|contate|contatem|perturbe|perturbem|incomode|incomodem) mais\b/),
    fixed(/\bnao (?:me |nos )?(?:mande|mandem|envie|enviem) (?:mais )?mensage/),
    fixed(/\b(?:me |nos )?(?:tira|tire|tirem|retire|retirem|remova|removam|remove|exclua|excluam|apague|apaguem) (?:meu |nosso |o meu |o )?(?:numero|contato|telefone|cadastro|whatsapp)\b/),
    fixed(/\b(?:me |nos )(?:tira|tire|tirem|retire|retirem|remova|removam|remove|exclua|excluam|descadastr\w*)\b/),
    fixed(/\bdescadastr\w*\b/),
    neg(/\b(?:sair|me tirar|remover|ser removido) (?:da|dessa|desta) (?:lista|base)\b/),
    neg(/\bquero sair\b/),
    fixed(/\bchega de (?:mensage\w*|cobranca|contato|ligac\w*)\b/),
    fixed(/\b(?:vou|vamos) (?:te |lhes |voces )?bloquear\b/),
    fixed(/\b(?:unsubscribe|opt ?-?out|no more messages|leave (?:me|us) alone)\b/),
    fixed(/\bstop (?:messaging|texting|sending|contacting|calling|writing|bothering)\b/),
    fixed(/\b(?:dont|do not) (?:message|text|contact|call|write to|bother) (?:me|us)\b/),
    fixed(/\bremove (?:me|us|my number|our number)\b/),
  ],
  human: [
    // unambiguous targets: a person on the creditor's side
    neg(/\b(?:falar|fala|falo|conversar|converso|tratar|resolver) (?:com |direto com |diretamente com )?(?:um |uma |o |a |algum |alguma |seu |sua )?(?:atendente|humano|humana|ser humano|gente de verdade|operador|operadora|consultor|consultora|negociador|negociadora)\b/),
    // ambiguous targets ("vou falar com o gerente" may be the debtor's own manager): only as a request
    neg(/\b(?:quero|queria|gostaria de|prefiro|preciso|precisamos|posso|pode|poderia|tem como|da pra|da para|me (?:passa|passe|transfere|transfira|encaminha|encaminhe|coloca|coloque) (?:para|pra|pro|com)) (?:falar|conversar|ser atendido|ser atendida)? ?(?:com )?(?:um |uma |o |a |algum |alguma |seu |sua )?(?:alguem|pessoa|gerente|supervisor|supervisora|responsavel|funcionario|funcionaria|analista|setor|pessoal)\b/),
    neg(/\b(?:falar|conversar|tratar|resolver) com (?:uma|alguma) pessoa\b/),
    neg(/\batendentes?\b/),
    neg(/\batendimento (?:humano|pessoal|com (?:uma )?pessoa)\b/),
    neg(/\b(?:ser humano|humano de verdade|pessoa de verdade|pessoa real|alguem de verdade|alguem real|gente de verdade)\b/),
    neg(/\b(?:um|uma|com) (?:humano|humana)\b/),
    fixed(/\b(?:nao quero|chega de|cansei de|para de|odeio) (?:falar com |conversar com )?(?:robo|robos|bot|maquina|computador|chatbot)\b/),
    neg(/\b(?:me liga|me ligue|me ligar|liga pra mim|ligar pra mim|ligue pra mim|alguem me ligar|alguem me liga|me liguem)\b/),
    neg(/\b(?:talk|speak|chat) (?:to|with) (?:someone|somebody|a person|a human|an agent|a real person|a representative|a manager|your manager|support|an operator|a human being|a live agent|a real human|anyone)\b/),
    neg(/\b(?:human being|real person|live agent|real human|representative|customer service|human agent)\b/),
    neg(/\b(?:a|an) (?:human|agent|operator)\b/),
    neg(/\bcall me\b/),
  ],
  /** Insults and profanity, directed or not: both call for a calm reply and possibly a person. */
  insult: [
    fixed(/\b(?:idiota|idiotas|imbecil|imbecis|burr[oa]s?|otari[oa]s?|babaca|babacas|palhacada|palhac[oa]s?|vagabund[oa]s?|safad[oa]s?|pilantra|pilantras|canalha|canalhas|ladr(?:ao|oes|ona|a)|sanguessugas?|agiotas?|desgraca|desgracad[oa]s?|desgramad[oa]s?|merda|merdas|bosta|bostas|caralho|caralhos|karalho|krl|crl|cacete|puta|putas|puto|pqp|fdp|cuzao|cuzoes|arrombad[oa]s?|corno|cornos|retardad[oa]s?|mongoloide|escrot[oa]s?|nojent[oa]s?|estupid[oa]s?|inutil|inuteis|vsf|vtnc|tnc|tmnc|foda|fodase|foda-se|fodido|fodida|foder|fuder|fudido|fudida|porra|pora|poha|cu)\b/),
    // "coleta de lixo" is a line of business, not an insult
    fixed(/(?<!(?:coleta|saco|sacos|caminhao|reciclagem|lata|descarte|tratamento) de )\blixos?\b/),
    fixed(/\bfilh[oa]s? da puta\b/),
    fixed(/\bvai (?:se|te) (?:f(?:[*.]+|\b)|fud\w*|fod\w*|lasc\w*|danar|catar|ferrar|tratar)/),
    fixed(/\bvai (?:tomar|toma) (?:no|nu) c/),
    fixed(/\bvai (?:a|pra|para) (?:merda|puta|pqp|casa do)\b/),
    fixed(/\b(?:idiot|idiots|stupid|moron|morons|dumb|dumbass|fuck|fucking|fucker|fucked|fck|fk|wtf|stfu|shit|shitty|bullshit|asshole|assholes|bitch|bitches|bastard|bastards|jerk|jerks|crap|scumbag|scumbags|thief|thieves|loser|losers|dickhead|dick|piss off|screw you|go to hell|damn you)\b/),
    fixed(/\bf[*#@]+(?:ck|k|cking|king)?(?![a-z])/),
  ],
  hardship: [
    neg(/\bsem (?:dinheiro|grana|caixa|recursos|verba|condicoes|condicao|capital|capital de giro|faturamento|liquidez|receita|margem)\b/),
    neg(/\b(?:apertad[oa]s?|aperto|sufoco|sufocad[oa]s?|endividad[oa]s?|quebrad[oa]s?|quebrou|quebramos|no vermelho|mal das pernas|desempregad[oa]s?)\b/),
    neg(/\b(?:dificil|dificeis|dificuldades?|crise|crises)\b/),
    neg(/\b(?:ta|esta|anda|situacao|momento|mes|ano|fase|coisa|coisas|tudo) (?:bem |muito |meio |um pouco |super |tao )?(?:complicad[oa]s?|feio|feia|critic[oa]|delicad[oa]|osso)\b/),
    neg(/\b(?:situacao|momento|fase|mes|ano) (?:bem |muito |meio |um pouco |super |tao )?(?:ruim|pesad[oa]|dificil)\b/),
    neg(/\b(?:caixa|fluxo de caixa|financeiro|orcamento) (?:esta |ta |anda )?(?:negativo|baixo|zerado|comprometido|curto)\b/),
    fixed(/\bnao (?:tenho|temos) (?:nem )?(?:r\$|\d)/),
    fixed(/\bnao (?:tenho|temos) (?:como|condicoes|condicao|dinheiro|grana|caixa|verba|recursos|esse valor|esse dinheiro|como pagar)\b/),
    fixed(/\bnao (?:consigo|conseguimos|conseguiremos|vou conseguir|vamos conseguir|devo conseguir|devemos conseguir|posso|podemos|da|da pra|da para|tenho como|temos como) (?:pagar|quitar|arcar|honrar)\b/),
    fixed(/\b(?:falta|faltou|faltando|falta de) (?:de )?(?:caixa|dinheiro|grana|verba|recursos)\b/),
    neg(/\b(?:vendas|faturamento|receita|movimento|clientes) (?:cair|caiu|cairam|despencou|despencaram|diminuiu|diminuiram|fraco|fraca|fracas|baixo|baixa|baixas|parado|parada|sumiram)\b/),
    neg(/\b(?:demiti|demitimos|demitir|demissoes|cortar custos|cortando custos)\b/),
    neg(/\bperdemos (?:[a-z]+ ){0,2}(?:cliente|clientes|contrato|contratos)\b/),
    // the company closing down, or a personal crisis: a softer, human-paced path
    neg(/\b(?:fechando a empresa|fechar a empresa|empresa fechou|fechamos a empresa|fechamos as portas|encerr(?:ou|amos|ando) as atividades|empresa (?:vai )?fechar)\b/),
    neg(/\b(?:faleceu|falecimento|falecido|falecida|morreu|luto|internad[oa]|hospital|doente|doenca|cirurgia)\b/),
    neg(/\b(?:passed away|in (?:the )?hospital|sick|illness|out of business|closing (?:down|the business|the company))\b/),
    neg(/\b(?:cash ?flow (?:is )?(?:tight|bad|negative|problems?|issues?)|tight|broke|struggl(?:e|es|ing)|hard times?|tough times?|tough (?:month|year|moment)|difficult|difficulties|crisis|hardship)\b/),
    neg(/\b(?:no|out of|short on|low on|short of) (?:money|cash|funds)\b/),
    fixed(/\b(?:cant|cannot|can not|unable to|not able to) (?:afford|pay)\b/),
    neg(/\bfinancial (?:difficult\w*|troubles?|problems?|hardship|issues?)\b/),
  ],
  /** A new agreement for what remains of one in force (issue 12). "ja renegociamos" is a dispute. */
  renegotiate: [
    neg(/\b(?:renegociar|renegocia|renegociamos|renegociacao|renegociar o acordo|refazer o acordo|refazer o parcelamento|novo acordo|outro acordo|novo parcelamento|rever o acordo|mudar o acordo|alterar o acordo|reparcelar|reparcelamento)\b/),
    neg(/\b(?:renegotiate|renegotiation|new (?:payment )?(?:plan|agreement|deal)|redo the agreement|change the agreement|restructure)\b/),
  ],
  /** A copy of a PIX code already sent ("segunda via", "me manda o pix de novo", issue 12). */
  pixCopy: [
    neg(/\b(?:segunda|2a?) via\b/),
    neg(/\b(?:manda|mande|mandar|mandem|envia|envie|enviar|reenvia|reenvie|reenviar|passa|passe|passar|preciso|quero|qual|qual e) (?:me |de novo |novamente )?(?:o |a |do |da )?(?:codigo|chave|copia e cola|pix|qr ?code|qrcode|boleto)\b/),
    neg(/\b(?:pix|codigo|copia e cola|boleto) (?:de novo|novamente|outra vez)\b/),
    neg(/\b(?:codigo|copia e cola|qr ?code|qrcode) (?:do |de |da )?pix\b/),
    neg(/\bpix (?:da|de|do) (?:\d{1,2}a |primeira |segunda |terceira |quarta |quinta |sexta |proxima |ultima )?(?:parcela|prestacao)\b/),
    neg(/\b(?:send|resend|need|want) (?:me |us )?(?:the |a |my |our )?(?:pix|payment code|code|qr code)\b/),
    neg(/\b(?:pix|payment) code (?:again|for)\b/),
    neg(/\b(?:copy of the pix|second copy|pix again)\b/),
  ],
  help: [
    neg(/\b(?:ajuda|ajude|ajudar|socorro|(?<!sem )duvidas?|explica|explicar|explique|menu)\b/),
    fixed(/\bnao (?:entendi|entendo|to entendendo|estou entendendo|sei como|compreendi)\b/),
    fixed(/\b(?:como funciona|como assim|o que (?:e|significa) isso|o que significa|que isso|quais (?:sao )?as opcoes|que opcoes)\b/),
    fixed(/^(?:\?+|hein\??|oi\?|que\?)$/),
    neg(/\b(?:help|confused|what does (?:this|that|it) mean|how does (?:this|it) work|what is this|what are my options)\b/),
    fixed(/\b(?:i dont understand|i do not understand|dont understand)\b/),
  ],
  thanks: [
    fixed(/\b(?:obrigad[oa]s?|obrigadao|muito obrigad[oa]|agradec\w*|grat[oa]|valeu|thanks|thank you|thank u|thx|tks|ty|cheers)\b/),
  ],
  greeting: [
    fixed(/\b(?:oi|oie|oii|ola|opa|salve|bom dia|boa tarde|boa noite|hello|hi|hey|hiya|good morning|good afternoon|good evening)\b/),
    fixed(/^e ai\b/),
    fixed(/\btudo (?:bem|bom|certo|joia|tranquilo|ok)\s?\?/),
    fixed(/^(?:tudo bom|como vai)\b/),
  ],
};

export function detectIntents(norm: string): Intent[] {
  const found = new Set<Intent>();
  for (const intent of INTENT_PRIORITY) {
    for (const entry of LEXICON[intent]) {
      let hit = false;
      for (const m of norm.matchAll(entry.re)) {
        if (!entry.negatable || !isNegated(norm, m.index ?? 0, 'bridge')) {
          hit = true;
          break;
        }
      }
      if (hit) {
        found.add(intent);
        break;
      }
    }
  }
  return INTENT_PRIORITY.filter((i) => found.has(i));
}
