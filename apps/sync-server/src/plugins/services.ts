import fp from 'fastify-plugin';
import {
  type AssessmentService,
  assessmentService,
} from '../services/assessment/assessment-service.ts';
import { type AuditedWrite, auditedWrite } from '../services/audited-write.ts';
import { createIngest, type Ingest } from '../services/ingest.ts';
import { inProcessWriter, type SyncWriter, threadWriter } from '../services/sync-writer.ts';
import { repositoryPluginName } from './repositories.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Stores sync items (group commit); see services/ingest.ts. */
    ingest: Ingest;
    /** Stores phones' sync batches; see services/sync-writer.ts. */
    syncWriter: SyncWriter;
    /** One transaction for a write request and its audit row; see services/audited-write.ts. */
    audited: AuditedWrite;
    /** The comprehensive assessment (附件2); see services/assessment/. */
    assessment: AssessmentService;
  }
}

export interface ServicesOptions {
  /** Store phones' sync batches on a thread of their own (see services/sync-writer.ts). */
  syncWriter?: boolean;
}

export default fp<ServicesOptions>(
  async (app, opts) => {
    app.decorate('audited', auditedWrite(app.db, app.repos.audit));
    app.decorate('assessment', assessmentService(app.repos));
    const { ingest, ingestPrepared } = createIngest({
      db: app.db,
      submissions: app.repos.submissions,
      communities: app.repos.communities,
      audit: app.repos.audit,
      years: app.repos.years,
    });
    app.decorate('ingest', ingest);
    const writer = opts.syncWriter
      ? threadWriter(app.db.name, ingestPrepared, app.log)
      : inProcessWriter(ingestPrepared);
    app.decorate('syncWriter', writer);
    app.addHook('onClose', () => writer.close());
  },
  {
    name: 'services',
    dependencies: [
      'db',
      ...(
        [
          'audit',
          'submissions',
          'communities',
          'assessment',
          'coverage',
          'registers',
          'years',
        ] as const
      ).map(repositoryPluginName),
    ],
  },
);
