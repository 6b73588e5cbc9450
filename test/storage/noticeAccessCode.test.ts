import { describe, expect, it } from 'vitest';
import { understand } from '../../src/engine/understanding/understand.js';
import { newAccessCode } from '../../src/storage/noticeRepository.js';

describe('newAccessCode', () => {
  it('gives codes the chat recognises when the debtor types one alone (2,000 draws)', () => {
    const missed: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const code = newAccessCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      for (const [locale, typed] of [['pt-BR', code], ['pt-BR', code.toLowerCase()], ['pt-BR', `meu código é ${code}`], ['en', code], ['en', `my code is ${code}`]] as const) {
        if (!understand(typed, { locale, today: '2026-12-02' }).invoiceCandidates.includes(code)) missed.push(`${locale}: ${typed}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
