/**
 * The dependency rule: every folder of src/ belongs to a layer, and a file may import only from
 * its own layer and the layers below it. test/architecture/layers.test.ts runs it over src/;
 * `npx tsx scripts/layers.ts` prints the violations (exit code 1 when there are any).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Files directly in src/ (app.ts, main.ts, cli.ts) are the root layer. */
const ROOT = '(root)';

/**
 * The layers, bottom first: the one list the rule reads. The order follows what each folder is
 * about, from the most general to the most particular to this deployment:
 *  - language: words of pt-BR and English (locales, month names, number words) — true of any app;
 *  - domain: debt-collection rules (money, offers, policies), pure;
 *  - config: the environment and the logger, which the rules do not need but everything else does;
 *  - users: who may use the consoles (roles, password hashing) — no storage, so storage can keep them;
 *  - phrasing: templates, their rendering and the guardrails — text, not conversation state, so the
 *    engine can render without the phrasing knowing what a turn is;
 *  - engine: flows, understanding, the turn and the ports it needs (it decides, others implement);
 *  - generated: the Prisma client — above the engine so no rule depends on database rows;
 *  - storage: implements the engine's ports over the database;
 *  - handoff: the agents' desk, built on storage;
 *  - channels: adapters that bring messages in and out;
 *  - jobs: background work (outbox, retention) that uses channels and storage;
 *  - http: the web API and pages over all of the above;
 *  - root: app.ts (the composition root), main.ts, cli.ts — they wire everything.
 */
export const LAYERS = [
  'language',
  'domain',
  'config',
  'users',
  'phrasing',
  'engine',
  'generated',
  'storage',
  'handoff',
  'channels',
  'jobs',
  'http',
  ROOT,
] as const;

/** Folders the rule does not read (generated code); they still count as import targets. */
const NOT_READ = new Set(['generated']);

const SOURCE = /\.(?:ts|mts|js|mjs)$/;

export interface SourceFile {
  /** Relative to the repository, with forward slashes: "src/engine/runTurn.ts". */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** Every module a source file names: static imports (type-only too), export-from, import(), typeof import(). */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The layer (index in LAYERS) of a path under src/, or undefined for a folder not in the list. */
export function layerOf(path: string): number | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src') return undefined;
  const folder = parts.length === 2 ? ROOT : (parts[1] as string);
  const i = (LAYERS as readonly string[]).indexOf(folder);
  return i === -1 ? undefined : i;
}

const layerName = (i: number): string => `${LAYERS[i]} (layer ${i + 1})`;

/** The violations of the rule in the given files. Only relative imports are ours; packages are not checked. */
export function checkLayers(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    if (from === undefined) {
      out.push({ file: file.path, specifier: '', reason: `${folderOf(file.path)} is in no layer: add it to LAYERS in scripts/layers.ts` });
      continue;
    }
    for (const specifier of importSpecifiers(file.text)) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      if (!target.startsWith('src/')) {
        out.push({ file: file.path, specifier, reason: `imports ${target}, outside src/` });
        continue;
      }
      const to = layerOf(target);
      if (to === undefined) {
        out.push({ file: file.path, specifier, reason: `imports ${folderOf(target)}, which is in no layer: add it to LAYERS in scripts/layers.ts` });
      } else if (to > from) {
        out.push({ file: file.path, specifier, reason: `${layerName(from)} imports ${layerName(to)}, a higher layer` });
      }
    }
  }
  return out;
}

function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length === 2 ? 'src/' : `src/${parts[1]}/`;
}

/** Every source file under root/src, except the folders the rule does not read. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!NOT_READ.has(path.split('/')[1] as string)) walk(full);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ path, text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(root, 'src'));
  return out;
}

export function formatViolation(v: Violation): string {
  return v.specifier ? `${v.file}: import '${v.specifier}': ${v.reason}` : `${v.file}: ${v.reason}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const violations = checkLayers(readSources(join(dirname(fileURLToPath(import.meta.url)), '..')));
  for (const v of violations) console.log(formatViolation(v));
  console.log(violations.length === 0 ? 'imports point down only' : `${violations.length} upward import(s)`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
