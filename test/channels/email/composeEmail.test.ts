import { describe, expect, it } from 'vitest';
import { composeEmail, emailSubject } from '../../../src/channels/email/composeEmail.js';
import { smtpSendError } from '../../../src/channels/email/smtpSendError.js';

const base = { options: [], locale: 'pt-BR' as const, creditor: { name: 'Distribuidora <Exemplo> & Cia', cnpj: '11222333000181' }, unsubscribeUrl: 'https://x.test/email/unsubscribe?t=u.1' };

describe('composeEmail', () => {
  it('puts the same text in both parts, escaped in HTML, with the creditor, the chat link and the way out', () => {
    const m = composeEmail({ ...base, text: 'Olá!\nLinha 2\n\n<b>não</b> é HTML', key: 'notice.first', chatUrl: 'https://x.test/?t=a.b&z=1' });
    expect(m.subject).toBe('Distribuidora <Exemplo> & Cia: vamos conversar sobre um assunto financeiro');
    expect(m.text).toContain('Olá!\nLinha 2\n\n<b>não</b> é HTML');
    expect(m.text).toContain('Conversar agora: https://x.test/?t=a.b&z=1');
    expect(m.text).toContain('Distribuidora <Exemplo> & Cia · CNPJ 11.222.333/0001-81');
    expect(m.text).toContain('Não quero mais receber mensagens: https://x.test/email/unsubscribe?t=u.1');
    expect(m.html).toContain('Olá!<br>Linha 2</p>');
    expect(m.html).toContain('&lt;b&gt;não&lt;/b&gt; é HTML');
    expect(m.html).not.toContain('<b>');
    expect(m.html).toContain('href="https://x.test/?t=a.b&amp;z=1"');
    expect(m.html).toContain('Distribuidora &lt;Exemplo&gt; &amp; Cia · CNPJ 11.222.333/0001-81');
  });

  it('lists options as text and leaves the button out without a link', () => {
    const m = composeEmail({ ...base, text: 'Escolha', options: [{ id: 'a', label: 'Aceito' }], locale: 'en' });
    expect(m.text).toContain('You can answer in the chat:\n1. Aceito');
    expect(m.html).not.toContain('Chat now');
    expect(emailSubject('reminder.late', 'pt-BR', 'C')).toBe('C: parcela em atraso');
    expect(emailSubject('reminder.before', 'en', 'C')).toBe('C: payment reminder');
    expect(emailSubject(undefined, 'pt-BR', 'C')).toBe('C: sua negociação');
  });
});

describe('smtpSendError', () => {
  it('gives up on a 5xx, marks a refusal at RCPT TO as a hard bounce, and keeps no address', () => {
    const rcpt = smtpSendError({ responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 <joana@empresa.com.br>: user unknown' });
    expect(rcpt.hardBounce).toBe(true);
    expect(rcpt.error).toMatchObject({ permanent: true, code: 'forbidden', channel: 'email' });
    expect(rcpt.error.message).toBe('SMTP 550 at RCPT TO: 550 5.1.1 <address>: user unknown');
    const data = smtpSendError({ responseCode: 552, command: 'DATA', response: '552 message too large' });
    expect(data).toMatchObject({ hardBounce: false, error: { permanent: true, code: 'bad_request' } });
  });

  it('retries a 4xx and a connection failure', () => {
    expect(smtpSendError({ responseCode: 451, command: 'RCPT TO', response: '451 greylisted' })).toMatchObject({ hardBounce: false, error: { permanent: false, code: 'rate_limited' } });
    expect(smtpSendError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toMatchObject({ hardBounce: false, error: { permanent: false, code: 'unavailable', message: 'SMTP ECONNECTION: connect ECONNREFUSED 127.0.0.1:25' } });
  });
});
