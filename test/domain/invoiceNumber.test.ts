import { describe, expect, it } from 'vitest';
import { invoiceNumberKeys, sameInvoiceNumber } from '../../src/domain/invoiceNumber.js';

describe('invoice numbers as typed', () => {
  it.each([
    ['452.100', '452100'],
    ['452100', '452.100'],
    ['R7310', 'r7310'],
    ['123.456', 'NF 123456'],
    ['1-203-0', 'INV1-203-0'],
    ['INV12030', 'INV1-203-0'],
    ['2026/0042', '2026/0042'],
    ['2026/42', '2026/0042'],
    ['20260042', '2026/0042'],
    ['NF-1001', 'NF1001'],
    ['00123', 'NF-123'],
    ['nfe 77', 'NF-e 77'],
  ])('%s is invoice %s', (typed, stored) => {
    expect(sameInvoiceNumber(typed, stored)).toBe(true);
  });

  it.each([
    ['452101', '452.100'],
    ['7310', 'R7310'],
    ['0042', '2026/0042'],
    ['2026', '2026/0042'],
    ['1203', 'INV1-203-0'],
    ['', 'NF1'],
    ['---', '---'],
  ])('%s is not invoice %s', (typed, stored) => {
    expect(sameInvoiceNumber(typed, stored)).toBe(false);
  });

  it('has only a few forms per number', () => {
    expect(invoiceNumberKeys('NF 2026/0042').length).toBeLessThanOrEqual(4);
  });
});
