import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: compiles src/ to dist/ (scripts/build.mjs, about a second) before any
 * test file runs, so tests that start the server as a process run today's sources exactly as
 * `npm start` does, never a stale build.
 */
export default function buildOnce(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
}
