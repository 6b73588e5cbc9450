import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on the loopback port any more (a test's teardown asserts it). */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Signals the server's process group (the server and anything it started) and waits for all of it to be gone; the server's exit code. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals the child's process group: the server and any process it started get it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Starts the app exactly as `npm start` does (node dist/main.js, built by the test run's global setup) and waits for /healthz. */
export async function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  // Detached: its own process group, so kill() reaches anything the server started too, and nothing
  // is left running after `npm test`.
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    // Event-loop-delay shedding off: it measures the test machine's load, not the code under test.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    child,
    output: () => out,
    async kill(signal) {
      const exited = new Promise<number | null>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
      });
      signalGroup(child, signal);
      const code = await exited;
      // Anything else in the group may outlive the server by a moment: wait until all of it is gone.
      const deadline = Date.now() + 15_000;
      while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (groupAlive(child.pid!)) signalGroup(child, 'SIGKILL');
      return code;
    },
  };
}
