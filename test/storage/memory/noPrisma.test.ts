import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const MEMORY = path.join(SRC, 'storage/memory');

/** Modules a file loads at run time (type-only imports vanish at compile time). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^'"]*?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('the in-memory storage adapter', () => {
  it('loads neither Prisma nor the database, not even through the modules it imports', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(file)) {
        if (!spec.startsWith('.')) {
          reached.push(spec);
          continue;
        }
        const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
        reached.push(path.relative(SRC, target));
        visit(target);
      }
    };
    for (const f of readdirSync(MEMORY)) visit(path.join(MEMORY, f));
    expect(reached.filter((m) => /prisma|generated\/|storage\/database/i.test(m))).toEqual([]);
  });
});
