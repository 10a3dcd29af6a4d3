import fp from 'fastify-plugin';
import { takeBackup } from '../db/backup.ts';
import { startCheckpointer } from '../db/checkpointer.ts';
import { migrate, pendingMigrations, schemaVersion } from '../db/migrate.ts';
import { type Db, openDatabase, servingPragmas } from '../db/open.ts';
import { startWalTrim } from '../db/wal-trim.ts';
import { errorRepeats } from './error-repeats.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The clock: injectable so tests can move time (session expiry, activity days). */
    now: () => Date;
  }
}

export default fp(
  async (app, opts: { dbPath: string; now: () => Date; backupDir: string }) => {
    const db = openDatabase(opts.dbPath);
    // An upgrade that goes wrong must leave a way back: a checked copy of the database as the
    // previous release left it, before the first migration touches it (not for a new database).
    const pending = pendingMigrations(db);
    const hasSchema =
      db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get() !==
      undefined;
    if (pending.length > 0 && hasSchema && schemaVersion(db) > 0) {
      const label = `before-${String(pending[0]?.version).padStart(3, '0')}`;
      const backup = await takeBackup(db, { dir: opts.backupDir, label, now: opts.now() });
      app.log.info({ backup: backup.path }, 'database backed up before migrating');
    }
    const applied = migrate(db);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
    app.decorate('db', db);
    app.decorate('now', opts.now);
    servingPragmas(db);
    const deaths = errorRepeats(() => Date.now());
    const checkpointer = startCheckpointer(opts.dbPath, {
      log: {
        failing: (message) => app.log.error({ message }, 'background checkpoint failing'),
        stillFailing: (message, count) =>
          app.log.error({ message, count }, 'background checkpoint still failing'),
        recovered: (count) =>
          app.log.info({ count }, 'background checkpoint recovered after failures'),
        // A worker that cannot even open the database dies at every restart (each second).
        died: (reason) => {
          const verdict = deaths(reason);
          if (verdict.log === 'first') {
            app.log.error({ reason }, 'background checkpoint worker died; restarting it');
          } else if (verdict.log === 'repeated') {
            app.log.error(
              { reason, repeats: verdict.count },
              'background checkpoint worker keeps dying; restarting it',
            );
          }
        },
      },
    });
    const walTrim = startWalTrim(db);
    // Runs after in-flight requests have finished (Fastify closes the server first).
    app.addHook('onClose', async () => {
      walTrim.stop();
      await checkpointer.stop();
      db.close();
    });
  },
  { name: 'db' },
);
