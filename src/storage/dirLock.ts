import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CordialError } from '../domain/errors.js';

export interface DirLock {
  release(): void;
}

export class DataDirLockedError extends CordialError<'DATA_DIR_LOCKED'> {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      'DATA_DIR_LOCKED',
      `The data directory ${dir} is in use by another Cordial process (pid ${pid}). ` +
        'Stop that process first, or point DATA_DIR elsewhere; use DATABASE_URL (PostgreSQL) to share one database between processes.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An exclusive lock file holding our pid; a stale one (dead pid, e.g. after SIGKILL) is taken over. */
export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, 'cordial.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
