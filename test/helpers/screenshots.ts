import { mkdirSync } from 'node:fs';
import path from 'node:path';

// Where browser tests leave their screenshots: test-output/screenshots/ under the project root
// (gitignored), so a run's pictures are found next to the code rather than in /tmp.
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

/** The path for a screenshot named `name` (the folder is made on first use). */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name.endsWith('.png') ? name : `${name}.png`);
}
