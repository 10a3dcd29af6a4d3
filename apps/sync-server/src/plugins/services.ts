import fp from 'fastify-plugin';
import {
  type AssessmentService,
  assessmentService,
} from '../services/assessment/assessment-service.ts';
import { type AuditedWrite, auditedWrite } from '../services/audited-write.ts';
import { createIngest, type Ingest } from '../services/ingest.ts';
import { repositoryPluginName } from './repositories.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Stores sync items (group commit); see services/ingest.ts. */
    ingest: Ingest;
    /** One transaction for a write request and its audit row; see services/audited-write.ts. */
    audited: AuditedWrite;
    /** The comprehensive assessment (附件2); see services/assessment/. */
    assessment: AssessmentService;
  }
}

export default fp(
  async (app) => {
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
