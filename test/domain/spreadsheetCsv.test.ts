import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BOM, csvLines, formatCell, neutraliseText, spreadsheetCsv, spreadsheetCsvChunks, type Cell } from '../../src/domain/spreadsheetCsv.js';

const SP = { timeZone: 'America/Sao_Paulo' };
const cell = (c: Cell) => formatCell(c, SP.timeZone);

describe('formatCell', () => {
  it('writes money from integer cents as the Brazilian spreadsheet reads it', () => {
    expect(cell({ money: 0 })).toBe('0,00');
    expect(cell({ money: 5 })).toBe('0,05');
    expect(cell({ money: 99 })).toBe('0,99');
    expect(cell({ money: 100 })).toBe('1,00');
    expect(cell({ money: 123_456 })).toBe('1.234,56');
    expect(cell({ money: 123_456_789_012 })).toBe('1.234.567.890,12');
    expect(cell({ money: -123_456 })).toBe('-1.234,56');
    expect(cell({ money: -5 })).toBe('-0,05');
    expect(cell({ money: null })).toBe('');
    expect(() => cell({ money: 1.5 })).toThrow(RangeError);
  });

  it('writes counts, averages and rates as numbers', () => {
    expect(cell({ int: 0 })).toBe('0');
    expect(cell({ int: 123_456 })).toBe('123456');
    expect(cell({ int: -3 })).toBe('-3');
    expect(() => cell({ int: 2.5 })).toThrow(RangeError);
    expect(cell({ decimal: 3.5 })).toBe('3,50');
    expect(cell({ decimal: 2.666 })).toBe('2,67');
    expect(cell({ decimal: 1234.5 })).toBe('1.234,50');
    expect(cell({ percent: 0.6667 })).toBe('66,67%');
    expect(cell({ percent: 1 })).toBe('100,00%');
    expect(cell({ percent: 0 })).toBe('0,00%');
    expect(cell({ percent: 0.1 })).toBe('10,00%');
    expect(cell({ decimal: null })).toBe('');
    expect(cell({ percent: null })).toBe('');
  });

  it('writes days as dd/mm/aaaa and instants on the wall clock of the time zone', () => {
    expect(cell({ date: '2026-11-30' })).toBe('30/11/2026');
    // 02:30 UTC on 1 December is still 30 November in São Paulo (UTC−3).
    expect(cell({ instant: new Date('2026-12-01T02:30:00Z') })).toBe('30/11/2026 23:30');
    expect(formatCell({ instant: new Date('2026-12-01T02:30:00Z') }, 'UTC')).toBe('01/12/2026 02:30');
    expect(formatCell({ instant: new Date('2026-12-01T02:30:59.999Z') }, 'America/Manaus')).toBe('30/11/2026 22:30');
    expect(cell({ instant: null })).toBe('');
    expect(cell({ date: null })).toBe('');
    expect(cell(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, and only text', () => {
    for (const s of ['=HYPERLINK("http://x")', '+551199', '-2+3', '@SUM(A1)', '\tx', '\rx', '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20x']) {
      expect(cell({ text: s })).toBe(`'${s}`);
      expect(neutraliseText(s)).toBe(`'${s}`);
    }
    for (const s of ['Padaria', ' =1+1 is fine after a space', "'already", 'a=b', '12,50', '']) expect(cell({ text: s })).toBe(s);
    // Our own negative numbers stay numbers.
    expect(cell({ money: -100 })).toBe('-1,00');
    expect(cell({ int: -1 })).toBe('-1');
  });
});

describe('spreadsheetCsv', () => {
  it('writes the BOM, ";" between cells, CRLF after every line', () => {
    const out = spreadsheetCsv(['Id', 'Valor', 'Dia'], [[{ text: 'a1' }, { money: 123_456 }, { date: '2026-11-30' }], [{ text: 'a2' }, { money: -5 }, null]], SP);
    expect(out).toBe(`${BOM}Id;Valor;Dia\r\na1;1.234,56;30/11/2026\r\na2;-0,05;\r\n`);
  });

  it('quotes per RFC 4180 only what needs it, and round-trips through csv-parse', () => {
    const texts = ['Bar; Restaurante', 'Diz "oi"', 'linha 1\r\nlinha 2', 'só LF\naqui', 'só CR\raqui', 'Café ☕ 🇧🇷 Ltda', 'simples', '=HYPERLINK("http://x";"clique")'];
    const out = spreadsheetCsv(['texto', 'n'], texts.map((t, i) => [{ text: t }, { int: i }]), SP);
    const lines = out.slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['texto;n', '"Bar; Restaurante";0', '"Diz ""oi""";1']);
    expect(out).toContain('\r\n"linha 1\r\nlinha 2";2\r\n"só LF\naqui";3\r\n"só CR\raqui";4\r\nCafé ☕ 🇧🇷 Ltda;5\r\n');
    expect(out).toContain(`\r\n"'=HYPERLINK(""http://x"";""clique"")";7\r\n`);
    const parsed = parse(out, { delimiter: ';', bom: true }) as string[][];
    expect(parsed).toEqual([['texto', 'n'], ...texts.map((t, i) => [i === 7 ? `'${t}` : t, String(i)])]);
  });

  it('streams the BOM and header first, then one chunk per non-empty page', async () => {
    async function* pages() {
      yield [[{ text: 'x' } as Cell]];
      yield [];
      yield [[{ money: 1 } as Cell], [{ int: 2 } as Cell]];
    }
    const chunks: string[] = [];
    for await (const c of spreadsheetCsvChunks(['Coluna'], pages(), SP)) chunks.push(c);
    expect(chunks).toEqual([`${BOM}Coluna\r\n`, 'x\r\n', '0,01\r\n2\r\n']);
    expect(csvLines([], SP)).toBe('');
  });
});
