import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import type { HealthInputs } from '../services/health.ts';
import { freeBytes } from '../startup-errors.ts';

export interface HealthOptions {
  publicUrl: string | undefined;
  backupDir: string;
  backupIntervalHours: number;
  /** Injectable so tests can fill the disk without filling a disk. */
  freeBytes?: (dir: string) => number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    health: {
      inputs(): HealthInputs;
      /** Called by the error handler when a write failed for storage reasons. */
      storageFailed(): void;
    };
  }
}

// A public endpoint that writes must not become a way to make the server write: one probe per
// interval, whatever the request rate.
const PROBE_INTERVAL_MS = 5_000;

/** The newest backup's time, from the files themselves: a systemd timer takes them too. */
export function lastBackupAt(dir: string): Date | undefined {
  if (!existsSync(dir)) return undefined;
  let latest: number | undefined;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.db')) continue;
    const at = statSync(join(dir, name)).mtimeMs;
    if (latest === undefined || at > latest) latest = at;
  }
  return latest === undefined ? undefined : new Date(latest);
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export default fp(
  async (app, opts: HealthOptions & { dbPath: string }) => {
    const probe = app.db.prepare(
      'INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    );
    let writable = true;
    let probedAt = 0;
    const measureFree = opts.freeBytes ?? freeBytes;
    app.decorate('health', {
      inputs(): HealthInputs {
        const now = app.now();
        if (!writable || now.getTime() - probedAt >= PROBE_INTERVAL_MS) {
          probedAt = now.getTime();
          try {
            probe.run(now.toISOString());
            writable = true;
          } catch {
            writable = false;
          }
        }
        return {
          now,
          writable,
          freeBytes: measureFree(dirname(opts.dbPath)),
          databaseBytes: fileSize(opts.dbPath) + fileSize(`${opts.dbPath}-wal`),
          lastBackupAt: lastBackupAt(opts.backupDir),
          backupIntervalHours: opts.backupIntervalHours,
          publicUrl: opts.publicUrl,
        };
      },
      storageFailed() {
        writable = false;
      },
    });
  },
  { name: 'health', dependencies: ['db'] },
);
