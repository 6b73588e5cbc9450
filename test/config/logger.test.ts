import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubPersonalData } from '../../src/config/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger('info', stream as never), lines };
}

describe('logger redaction', () => {
  it('censors personal-data keys at the top level and one level down', () => {
    const { logger, lines } = capture();
    logger.info({ cnpj: '11444777000161', phone: '+5511987654321', debtor: { name: 'Marina Souza', email: 'm@x.com' }, text: 'meu cnpj é 11.444.777/0001-61' }, 'x');
    const out = lines.join('');
    expect(out).not.toMatch(/11444777000161|987654321|Marina|m@x\.com|11\.444\.777/);
    expect(out).toContain('[redacted]');
  });

  it('scrubs CNPJs, CPFs, phones and e-mails from free-text messages', () => {
    const { logger, lines } = capture();
    logger.warn('debtor 11.444.777/0001-61 (cpf 123.456.789-09) wrote from (11) 98765-4321, mail joao@empresa.com.br');
    const out = lines.join('');
    expect(out).not.toMatch(/11\.444\.777|123\.456\.789|98765-4321|joao@/);
    expect(out).toMatch(/\[cnpj\].*\[cpf\].*\[phone\].*\[email\]/);
  });

  it('scrubs the alphanumeric CNPJ format too, and leaves ordinary numbers alone', () => {
    expect(scrubPersonalData('12.ABC.345/01DE-35 pagou 3 parcelas de 500')).toBe('[cnpj] pagou 3 parcelas de 500');
  });
});
