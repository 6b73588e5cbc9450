// The pages' type check (src/http/public/tsconfig.json, run by `npm run typecheck` and `npm test`)
// really checks: a page that names a text its dictionary lacks, or reads a field the server's
// answer does not have, fails it. Run on a file of its own next to the pages (in a temporary
// folder, through a tsconfig that extends theirs), so the pages themselves are left as they are.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const PUBLIC = fileURLToPath(new URL('../../../src/http/public/', import.meta.url));
const TSC = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cordial-pages-check-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tsc over `source` as if it were one more page module; resolves its output and exit code. */
async function check(source: string): Promise<{ code: number; out: string }> {
  writeFileSync(join(dir, 'page.js'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(PUBLIC, 'tsconfig.json'), include: [join(dir, 'page.js')] }));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [TSC, '-p', dir], { maxBuffer: 10_000_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe("the pages' type check", () => {
  it('fails on a text key the dictionary lacks and on a field the API does not answer', async () => {
    const { code, out } = await check(`
/** @import { HandoffItem } from '/api.js' */
import { t } from '/console-state.js';
t('noSuchText');
/** @param {HandoffItem} item */
export const claimedAt = (item) => item.claimedAtt;
`);
    expect(code).not.toBe(0);
    expect(out).toMatch(/page\.js\(4,3\): error TS2345: Argument of type '"noSuchText"'/);
    expect(out).toMatch(/page\.js\(6,\d+\): error TS2551: Property 'claimedAtt' does not exist on type 'HandoffItem'/);
  }, 120_000);
});
