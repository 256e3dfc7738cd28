import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A port nobody listens on now; main.ts prints its URL from PORT, so port 0 will not do. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real server (`node --import tsx src/main.ts`) as a child process on a fixed loopback port and database file,
 * which the test kills with SIGKILL and starts again. Its output is kept for the failure message.
 */
export function createServerProcess(dbFile: string, port: number) {
  let child: ChildProcess | undefined;
  let output = '';
  const url = `http://127.0.0.1:${port}`;

  async function start(timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', NEEDSMAP_DB: dbFile, PORT: String(port), HOST: '127.0.0.1', NEEDSMAP_ADMIN_PASSWORD: 'faults-test-password', NEEDSMAP_SUBMIT_LIMIT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const current = child;
    current.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    current.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (Date.now() - started < timeoutMs) {
      if (current.exitCode !== null) throw new Error(`the server exited with ${current.exitCode}:\n${output.slice(-2000)}`);
      try {
        if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${output.slice(-2000)}`);
  }

  /** SIGKILL: no shutdown handler runs, whatever was in flight is cut off. Resolves once the process is gone. */
  function kill(): Promise<void> {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      current.once('exit', () => resolve());
      current.kill('SIGKILL');
    });
  }

  return { url, start, kill, output: () => output };
}
export type ServerProcess = ReturnType<typeof createServerProcess>;
