import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` (and its parents) readable by this user only, and makes an existing one so: it
 * holds the database, the admin token and debtors' receipts. (Versions before this left PGlite's
 * files world-writable; the process's umask 077, set in main.ts, keeps new files private.)
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Takes group and others' permissions off everything under `dir`. PGlite sets its initial files
 * to 0666 explicitly (a chmod, which the umask does not govern); the files it makes later follow
 * the umask. Run after the database opened, it also repairs data directories of earlier versions.
 */
export function removeOthersAccess(dir: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  if (st.mode & 0o077) chmodSync(dir, st.mode & 0o700);
  if (st.isDirectory()) for (const entry of readdirSync(dir)) removeOthersAccess(path.join(dir, entry));
}
