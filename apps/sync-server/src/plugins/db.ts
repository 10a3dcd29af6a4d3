import fp from 'fastify-plugin';
import { startCheckpointer } from '../db/checkpointer.ts';
import { migrate } from '../db/migrate.ts';
import { type Db, FALLBACK_AUTOCHECKPOINT_PAGES, openDatabase } from '../db/open.ts';
import { auditRepository } from '../repositories/audit.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { registersRepository } from '../repositories/registers.ts';
import { sessionsRepository } from '../repositories/sessions.ts';
import { submissionsRepository } from '../repositories/submissions.ts';
import { usersRepository } from '../repositories/users.ts';
import { createIngest, type Ingest } from '../services/ingest.ts';

export interface Repositories {
  users: ReturnType<typeof usersRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  communities: ReturnType<typeof communitiesRepository>;
  submissions: ReturnType<typeof submissionsRepository>;
  coverage: ReturnType<typeof coverageRepository>;
  registers: ReturnType<typeof registersRepository>;
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
  async (app, opts: { dbPath: string; now: () => Date }) => {
    const db = openDatabase(opts.dbPath);
    const applied = migrate(db);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
    const repos: Repositories = {
      users: usersRepository(db),
      sessions: sessionsRepository(db),
      communities: communitiesRepository(db),
      submissions: submissionsRepository(db),
      coverage: coverageRepository(db),
      registers: registersRepository(db),
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
      onError: (message) => app.log.error({ message }, 'background checkpoint failed'),
    });
    // Runs after in-flight requests have finished (Fastify closes the server first).
    app.addHook('onClose', async () => {
      await checkpointer.stop();
      db.close();
    });
  },
  { name: 'db' },
);
