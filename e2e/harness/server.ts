import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, REPO_ROOT } from './paths.ts';
import { waitFor } from './wait.ts';

export const ADMIN_PASSWORD = 'e2e-admin-password-0001';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  /** Kills the process at once (SIGKILL): no graceful shutdown, as in a power cut or crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * The real server, as `npm start` runs it (the sync server's start script over the built PWA),
 * on a free loopback port with a temporary data directory.
 */
export async function startServer(options: { staticDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jiuting-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const launch = async () => {
    child = spawn('npm', ['start', '-w', 'apps/sync-server'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
        STATIC_DIR: options.staticDir ?? BUILD_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk) => {
      log += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      log += chunk;
    });
    await waitFor(
      async () => {
        if (child?.exitCode !== null) throw new Error(`server exited early:\n${log}`);
        const answer = await fetch(`${url}/api/ping`).catch(() => undefined);
        return answer?.ok === true;
      },
      { timeoutMs: 60_000, what: 'the server to answer /api/ping' },
    );
  };

  const killGroup = async (signal: NodeJS.Signals) => {
    const current = child;
    if (!current || current.exitCode !== null || current.pid === undefined) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    // npm starts node: signal the whole process group.
    process.kill(-current.pid, signal);
    await exited;
  };

  await launch();
  return {
    url,
    dataDir,
    kill: () => killGroup('SIGKILL'),
    restart: launch,
    async stop() {
      await killGroup('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
}
