// Compiles src/ to dist/ for `npm start`: the server runs plain JavaScript, without a TypeScript
// loader in the process (tsx costs a long-running server about 50 MB of memory: its transformer and
// the transformed sources; see README, "Performance"). esbuild only strips the types, file by file
// (the sources use verbatimModuleSyntax, so every file compiles alone); `npm run typecheck`
// checks them. dist/ keeps src/'s layout, so the paths the code resolves from its own location
// (../../prisma, ../../flows, ./public) hold in both.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const out = path.join(root, 'dist');
const PUBLIC = path.join('http', 'public');

const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith(PUBLIC + path.sep))
  .map((f) => path.join(src, f));

rmSync(out, { recursive: true, force: true });
await build({ entryPoints, outdir: out, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
// The console's static files, served from next to the module that reads them.
cpSync(path.join(src, PUBLIC), path.join(out, PUBLIC), { recursive: true });
console.log(`compiled ${entryPoints.length} files to dist/`);
