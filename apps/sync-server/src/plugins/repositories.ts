import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { assessmentRepository } from '../repositories/assessment.ts';
import { auditRepository } from '../repositories/audit.ts';
import { communitiesRepository } from '../repositories/communities.ts';
import { coverageRepository } from '../repositories/coverage.ts';
import { feedbackRepository } from '../repositories/feedback.ts';
import { fingerprintSaltsRepository } from '../repositories/fingerprint-salts.ts';
import { qualityRepository } from '../repositories/quality.ts';
import { registersRepository } from '../repositories/registers.ts';
import { reviewRepository } from '../repositories/review.ts';
import { sessionsRepository } from '../repositories/sessions.ts';
import { submissionsRepository } from '../repositories/submissions.ts';
import { usersRepository } from '../repositories/users.ts';
import { visitsRepository } from '../repositories/visits.ts';
import { yearsRepository } from '../repositories/years.ts';

// Every repository the app uses, built once on the app's connection and reached as `app.repos.x`
// (fastify/demo's plugins/app). A route plugin never builds its own: one place says what exists
// and what each one needs, and Fastify refuses to start when a dependency is missing.

export interface Repositories {
  users: ReturnType<typeof usersRepository>;
  sessions: ReturnType<typeof sessionsRepository>;
  communities: ReturnType<typeof communitiesRepository>;
  submissions: ReturnType<typeof submissionsRepository>;
  coverage: ReturnType<typeof coverageRepository>;
  registers: ReturnType<typeof registersRepository>;
  visits: ReturnType<typeof visitsRepository>;
  years: ReturnType<typeof yearsRepository>;
  audit: ReturnType<typeof auditRepository>;
  review: ReturnType<typeof reviewRepository>;
  quality: ReturnType<typeof qualityRepository>;
  feedback: ReturnType<typeof feedbackRepository>;
  fingerprintSalts: ReturnType<typeof fingerprintSaltsRepository>;
  assessment: ReturnType<typeof assessmentRepository>;
}

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
  }
}

type RepositoryName = keyof Repositories;

/** The plugin name a repository registers under, for other plugins' `dependencies`. */
export const repositoryPluginName = (name: RepositoryName) => `repository:${name}`;

function repositoryPlugin<K extends RepositoryName>(
  name: K,
  make: (app: FastifyInstance) => Repositories[K],
  uses: readonly RepositoryName[] = [],
) {
  return fp(
    async (app) => {
      app.repos[name] = make(app);
    },
    { name: repositoryPluginName(name), dependencies: ['db', ...uses.map(repositoryPluginName)] },
  );
}

const PLUGINS = [
  repositoryPlugin('users', (app) => usersRepository(app.db)),
  repositoryPlugin('sessions', (app) => sessionsRepository(app.db)),
  repositoryPlugin('communities', (app) => communitiesRepository(app.db)),
  repositoryPlugin('submissions', (app) => submissionsRepository(app.db)),
  repositoryPlugin('coverage', (app) => coverageRepository(app.db)),
  repositoryPlugin('registers', (app) => registersRepository(app.db)),
  repositoryPlugin('visits', (app) => visitsRepository(app.db)),
  repositoryPlugin('years', (app) => yearsRepository(app.db)),
  repositoryPlugin('audit', (app) => auditRepository(app.db)),
  // Review re-decides which response counts through the submissions' own arrival rule.
  repositoryPlugin('review', (app) => reviewRepository(app.db, app.repos.submissions), [
    'submissions',
  ]),
  repositoryPlugin('quality', (app) => qualityRepository(app.db)),
  repositoryPlugin('feedback', (app) => feedbackRepository(app.db)),
  repositoryPlugin('fingerprintSalts', (app) => fingerprintSaltsRepository(app.db)),
  repositoryPlugin('assessment', (app) => assessmentRepository(app.db)),
];

export default fp(
  async (app) => {
    // Filled by the plugins below, each in the order its dependencies allow.
    app.decorate('repos', {} as Repositories);
    for (const plugin of PLUGINS) await app.register(plugin);
  },
  { name: 'repositories', dependencies: ['db'] },
);
