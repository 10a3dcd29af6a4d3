import fp from 'fastify-plugin';
import {
  type AssessmentService,
  assessmentService,
} from '../services/assessment/assessment-service.ts';
import { type AuditedWrite, auditedWrite } from '../services/audited-write.ts';
import { createIngest, type Ingest } from '../services/ingest.ts';
import { inProcessPreparer, type Preparer, workerPreparer } from '../services/preparer.ts';
import { repositoryPluginName } from './repositories.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Stores sync items (group commit); see services/ingest.ts. */
    ingest: Ingest;
    /** Where sync batches are validated and hashed; see services/preparer.ts. */
    preparer: Preparer;
    /** One transaction for a write request and its audit row; see services/audited-write.ts. */
    audited: AuditedWrite;
    /** The comprehensive assessment (附件2); see services/assessment/. */
    assessment: AssessmentService;
  }
}

export interface ServicesOptions {
  /** Validate and hash sync batches on a worker thread (see services/preparer.ts). */
  prepareInWorker?: boolean;
}

export default fp<ServicesOptions>(
  async (app, opts) => {
    const preparer = opts.prepareInWorker ? workerPreparer(app.log) : inProcessPreparer();
    app.decorate('preparer', preparer);
    app.addHook('onClose', () => preparer.close());
    app.decorate('audited', auditedWrite(app.db, app.repos.audit));
    app.decorate('assessment', assessmentService(app.repos));
    app.decorate(
      'ingest',
      createIngest({
        db: app.db,
        submissions: app.repos.submissions,
        communities: app.repos.communities,
        audit: app.repos.audit,
        years: app.repos.years,
        preparer,
      }).ingest,
    );
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
