import fp from 'fastify-plugin';
import { takeBackup } from '../db/backup.ts';
import { startCheckpointer } from '../db/checkpointer.ts';
import { migrate, pendingMigrations, schemaVersion } from '../db/migrate.ts';
import { type Db, FALLBACK_AUTOCHECKPOINT_PAGES, openDatabase } from '../db/open.ts';
import { auditRepository } from '../repositories/audit.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { registersRepository } from '../repositories/registers.ts';
import { sessionsRepository } from '../repositories/sessions.ts';
import { submissionsRepository } from '../repositories/submissions.ts';
import { usersRepository } from '../repositories/users.ts';
import { visitsRepository } from '../repositories/visits.ts';
import { createIngest, type Ingest } from '../services/ingest.ts';

export interface Repositories {
  users: ReturnType<typeof usersRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  communities: ReturnType<typeof communitiesRepository>;
  submissions: ReturnType<typeof submissionsRepository>;
  coverage: ReturnType<typeof coverageRepository>;
  registers: ReturnType<typeof registersRepository>;
  visits: ReturnType<typeof visitsRepository>;
  audit: ReturnType<typeof auditRepository>;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    ingest: Ingest;
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
    const repos: Repositories = {
      users: usersRepository(db),
      sessions: sessionsRepository(db),
      communities: communitiesRepository(db),
      submissions: submissionsRepository(db),
      coverage: coverageRepository(db),
      registers: registersRepository(db),
      visits: visitsRepository(db),
      audit: auditRepository(db),
    };
    app.decorate('db', db);
    app.decorate('repos', repos);
    app.decorate('now', opts.now);
    app.decorate(
      'ingest',
      createIngest({
        db,
        submissions: repos.submissions,
        communities: repos.communities,
        audit: repos.audit,
      }).ingest,
    );
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const checkpointer = startCheckpointer(opts.dbPath, {
      log: {
        failing: (message) => app.log.error({ message }, 'background checkpoint failing'),
        stillFailing: (message, count) =>
          app.log.error({ message, count }, 'background checkpoint still failing'),
        recovered: (count) =>
          app.log.info({ count }, 'background checkpoint recovered after failures'),
        died: (reason) =>
          app.log.error({ reason }, 'background checkpoint worker died; restarting it'),
      },
    });
    // Runs after in-flight requests have finished (Fastify closes the server first).
    app.addHook('onClose', async () => {
      await checkpointer.stop();
      db.close();
    });
  },
  { name: 'db' },
);
