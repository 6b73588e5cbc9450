import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS, checkLayers, formatViolation, importSpecifiers, layerOf, readSources } from '../../scripts/layers.js';

const root = new URL('../..', import.meta.url).pathname;

describe('the dependency rule over src/', () => {
  it('finds no import of a higher layer', () => {
    const violations = checkLayers(readSources(root)).map(formatViolation);
    expect(violations).toEqual([]);
  });

  it('knows every folder of src/', () => {
    const folders = readdirSync(`${root}src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(LAYERS as readonly string[]).includes(f))).toEqual([]);
  });
});

describe('the dependency rule itself', () => {
  const file = (path: string, text: string) => ({ path, text });

  it('fails on an upward import, naming the file and the import', () => {
    const v = checkLayers([file('src/domain/offer.ts', "import { runTurn } from '../engine/runTurn.js';\n")]);
    expect(v.map(formatViolation)).toEqual([
      "src/domain/offer.ts: import '../engine/runTurn.js': domain (layer 2) imports engine (layer 6), a higher layer",
    ]);
  });

  it('reads type-only imports, export-from, dynamic import() and typeof import()', () => {
    const text = [
      "import type { Turn } from '../../engine/turnPipeline.js';",
      "export { x } from '../../storage/database.js';",
      "export * from '../../http/errors.js';",
      "const later = await import('../../jobs/retention.js');",
      "type App = typeof import('../../app.js');",
    ].join('\n');
    const v = checkLayers([file('src/phrasing/guardrails/checkText.ts', text)]);
    expect(v.map((x) => x.specifier)).toEqual([
      '../../engine/turnPipeline.js',
      '../../storage/database.js',
      '../../http/errors.js',
      '../../jobs/retention.js',
      '../../app.js',
    ]);
  });

  it('allows the same layer, lower layers and packages', () => {
    const text = [
      "import { z } from 'zod';",
      "import { fold } from './text.js';",
      "import { formatMoney } from '../../domain/money.js';",
      "import type { Locale } from '../../language/locale.js';",
    ].join('\n');
    expect(checkLayers([file('src/phrasing/guardrails/numbers.ts', text)])).toEqual([]);
    expect(checkLayers([file('src/app.ts', "import { buildServer } from './http/buildServer.js';")])).toEqual([]);
  });

  it('ignores imports in comments and strings', () => {
    const text = "// import x from '../engine/runTurn.js';\nconst s = \"import y from '../engine/runTurn.js'\";\n";
    expect(importSpecifiers(text)).toEqual([]);
  });

  it('fails on a folder in no layer and on imports that leave src/', () => {
    const v = checkLayers([
      file('src/newThing/a.ts', ''),
      file('src/domain/b.ts', "import { helper } from '../../test/helpers/chat.js';"),
      file('src/domain/c.ts', "import { x } from '../newThing/a.js';"),
    ]);
    expect(v.map((x) => x.file)).toEqual(['src/newThing/a.ts', 'src/domain/b.ts', 'src/domain/c.ts']);
    expect(v.every((x) => x.reason.length > 0)).toBe(true);
  });

  it('puts files directly in src/ in the top layer', () => {
    expect(layerOf('src/app.ts')).toBe(LAYERS.length - 1);
    expect(layerOf('src/language/locale.ts')).toBe(0);
  });
});
