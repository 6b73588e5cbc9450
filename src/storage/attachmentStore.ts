import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The largest received file we keep (Telegram bots cannot download more than 20 MB anyway). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * Keeps a received file (a payment receipt) under DATA_DIR/attachments, named by its SHA-256 so
 * a redelivered file is stored once. Returns the path relative to the data directory.
 */
export async function saveAttachment(dataDir: string, bytes: Buffer, fileName?: string): Promise<{ path: string; sha256: string; bytes: number }> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new RangeError(`attachment of ${bytes.length} bytes is over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ext = path.extname(fileName ?? '').replace(/[^.\w]/g, '').slice(0, 10);
  const rel = path.join('attachments', sha256.slice(0, 2), `${sha256}${ext}`);
  const abs = path.join(dataDir, rel);
  await mkdir(path.dirname(abs), { recursive: true, mode: 0o700 });
  await writeFile(abs, bytes, { mode: 0o600 });
  return { path: rel, sha256, bytes: bytes.length };
}
