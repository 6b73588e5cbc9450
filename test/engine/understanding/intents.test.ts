import { describe, expect, it } from 'vitest';
import { detectIntents, INTENT_PRIORITY, type Intent } from '../../../src/engine/understanding/intents.js';
import { normalize } from '../../../src/engine/understanding/normalize.js';

const intents = (text: string) => detectIntents(normalize(text));

describe('detectIntents', () => {
  const positives: Array<[Intent, string[]]> = [
    ['human', ['quero falar com um atendente', 'atendente', 'pessoa de verdade', 'ser humano por favor', 'me passa pro gerente', 'talk to a human', 'real person please', 'nao quero falar com robo', 'quero falar com alguem']],
    ['dispute', ['já paguei', 'ja foi pago', 'já está quitado', 'não reconheço essa dívida', 'nao devo nada', 'isso está errado', 'valor incorreto', 'numero errado', 'nunca compramos', 'I already paid', "we don't owe", 'isso e golpe', 'paguei ontem']],
    ['judicial', ['recuperação judicial', 'entramos com RJ', 'estamos em rj', 'falência', 'vou processar vocês', 'meu advogado', 'procon', 'vou entrar na justiça', 'bankruptcy', 'chapter 11', 'lawsuit', 'we will sue']],
    ['hardship', ['estou sem dinheiro', 'o caixa está apertado', 'está difícil', 'crise', 'cash flow is tight', 'não tenho como pagar', 'as vendas caíram', 'we are struggling', "can't afford"]],
    ['optout', ['parar', 'pare de me mandar mensagem', 'não quero mais mensagens', 'sair', 'descadastrar', 'stop', 'unsubscribe', 'me tira da lista', 'stop texting me']],
    ['insult', ['idiota', 'vai se f*', 'vai se fuder', 'lixo', 'palhaçada', 'vsf', 'porra', 'PQP', 'filho da puta', 'caralho', 'you idiot', 'fuck this', 'bullshit', 'f***']],
    ['greeting', ['oi', 'olá', 'bom dia', 'boa tarde', 'boa noite', 'e ai', 'hello', 'hi', 'good morning', 'tudo bem?']],
    ['thanks', ['obrigado', 'obrigada', 'obg', 'valeu', 'vlw', 'agradeço', 'thanks', 'thank you', 'thx']],
    ['help', ['ajuda', 'não entendi', 'como funciona?', '?', 'help', 'what does this mean', 'tenho uma dúvida']],
  ];
  for (const [intent, texts] of positives) {
    it.each(texts)(`${intent}: %s`, (text) => {
      expect(intents(text)).toContain(intent);
    });
  }

  const negatives: Array<[Intent, string[]]> = [
    ['human', ['somos um operador logístico', 'não quero falar com atendente', 'nao preciso de atendente', 'vou falar com o meu gerente', 'vou falar com alguem do financeiro', "I don't want to talk to a human", 'humanos recursos']],
    ['dispute', ['não paguei ainda', 'ainda nao paguei', 'eu nao paguei', 'vou pagar', 'já pago amanhã', 'pagamos em dia', 'não está errado', 'nao devo conseguir pagar', "we haven't paid"]],
    ['judicial', ['moro no RJ', 'filial do rj', 'o processo de aprovação', 'o pagamento foi processado', 'vou processar o pagamento amanha']],
    ['hardship', ['não está difícil', 'sem problemas', 'nao ta dificil nao']],
    ['optout', ['para dia 15', 'quando sai o boleto', 'não quero sair', 'vou parar de atrasar', 'stop by tomorrow']],
    ['insult', ['computador', 'cuidado', 'disputa', 'reputação', 'burocracia', 'diskette', 'somos uma empresa de coleta de lixo']],
    ['judicial', ['nossa filial de Juiz de Fora']],
    ['greeting', ['oitenta', 'hipoteca', 'caio']],
    ['help', ['sem dúvida', 'sem duvidas']],
  ];
  for (const [intent, texts] of negatives) {
    it.each(texts)(`not ${intent}: %s`, (text) => {
      expect(intents(text)).not.toContain(intent);
    });
  }

  it('orders intents by priority', () => {
    expect(intents('oi, ja paguei e entramos em recuperação judicial, seus idiotas, quero um atendente, obrigado')).toEqual([
      'judicial', 'dispute', 'human', 'insult', 'thanks', 'greeting',
    ]);
    expect(INTENT_PRIORITY).toEqual(['judicial', 'dispute', 'optout', 'human', 'insult', 'hardship', 'renegotiate', 'pixCopy', 'help', 'thanks', 'greeting']);
  });

  it('lets a clause boundary end negation', () => {
    expect(intents('não, quero falar com um atendente')).toContain('human');
    expect(intents('nao sei, quero falar com alguem')).toContain('human');
    expect(intents('não consigo pagar e quero falar com um atendente')).toContain('human');
  });

  it('is empty for plain negotiation text', () => {
    expect(intents('posso pagar 500 por mes a partir do dia 10')).toEqual([]);
  });
});
