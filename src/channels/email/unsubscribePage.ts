// The small page an e-mail's "stop" link opens: a button to confirm, then what happened. In
// Portuguese, the debtors' language; no script, so it works in any mail client's browser. It
// names only the creditor: a wrong or old link learns nothing about whose it was.

import { escapeHtml } from './composeEmail.js';

export function unsubscribePage(state: 'confirm' | 'done' | 'invalid', creditorName: string, token?: string): string {
  const name = escapeHtml(creditorName);
  const body =
    state === 'confirm'
      ? `<h1>Parar de receber mensagens</h1>
<p>Confirme e a ${name} não enviará mais avisos nem lembretes a este contato, por nenhum canal.</p>
<form method="post" action="?t=${encodeURIComponent(token ?? '')}"><button type="submit" data-testid="unsubscribe-confirm">Não quero mais receber mensagens</button></form>`
      : state === 'done'
        ? `<h1>Pronto</h1>
<p data-testid="unsubscribe-done">Você não receberá mais mensagens da ${name}. Se mudar de ideia, fale com a equipe de cobrança respondendo a um de nossos e-mails.</p>`
        : `<h1>Link inválido</h1>
<p data-testid="unsubscribe-invalid">Este link não é válido. Para parar de receber mensagens, responda a um de nossos e-mails pedindo o descadastro.</p>`;
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5">
${body}
</body></html>`;
}
