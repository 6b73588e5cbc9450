import { describe, expect, it } from 'vitest';
import { withMissingKeys } from '../../src/phrasing/templates.js';

describe('withMissingKeys', () => {
  it('keeps the pinned texts and adds the keys the pinned version lacks', () => {
    const pinned = { 'pt-BR': { welcome: 'Olá (v1)' }, en: { welcome: 'Hello (v1)' } };
    const current = { 'pt-BR': { welcome: 'Olá (v2)', 'agreement.receipt': 'Recebemos' }, en: { welcome: 'Hello (v2)', 'agreement.receipt': 'Received' } };
    expect(withMissingKeys(pinned, current)).toEqual({ 'pt-BR': { welcome: 'Olá (v1)', 'agreement.receipt': 'Recebemos' }, en: { welcome: 'Hello (v1)', 'agreement.receipt': 'Received' } });
    expect(pinned['pt-BR']).toEqual({ welcome: 'Olá (v1)' });
  });
});
