import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type BootstrapReport, bootstrap } from './bootstrap.ts';
import { FROM_SOURCE } from './module-worker.ts';
import authPlugin from './plugins/auth.ts';
import bodyDepthPlugin from './plugins/body-depth.ts';
import dbPlugin from './plugins/db.ts';
import errorHandlerPlugin from './plugins/error-handler.ts';
import healthPlugin from './plugins/health.ts';
import { urlForLog } from './plugins/log-url.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import pressurePlugin, { type PressureOptions } from './plugins/pressure.ts';
import repositoriesPlugin from './plugins/repositories.ts';
import securityPlugin from './plugins/security.ts';
import servicesPlugin from './plugins/services.ts';
import staticPlugin from './plugins/static.ts';
import assessmentRoutes from './routes/assessment/index.ts';
import authRoutes from './routes/auth/index.ts';
import communitiesRoutes from './routes/communities/index.ts';
import coverageRoutes from './routes/coverage/index.ts';
import exportsRoutes from './routes/exports/index.ts';
import feedbackRoutes from './routes/feedback/index.ts';
import healthRoutes from './routes/health/index.ts';
import outboxImportRoutes from './routes/outbox-import/index.ts';
import pingRoutes from './routes/ping/index.ts';
import publicRoutes from './routes/public/index.ts';
import qualityRoutes from './routes/quality/index.ts';
import registerRoutes from './routes/register/index.ts';
import retentionRoutes from './routes/retention/index.ts';
import reviewRoutes from './routes/review/index.ts';
import sessionsRoutes from './routes/sessions/index.ts';
import syncRoutes from './routes/sync/index.ts';
import syncConflictsRoutes from './routes/sync-conflicts/index.ts';
import usersRoutes from './routes/users/index.ts';
import visitsRoutes from './routes/visits/index.ts';
import type { ScryptCost } from './security/passwords.ts';
import { OWASP_SCRYPT_COST } from './security/passwords.ts';

export interface AppOptions {
  dbPath: string;
  logger?: boolean | object;
  /** The built PWA (apps/pwa/dist); when it is missing the API still runs. */
  staticDir?: string;
  /** The first admin's password; a random one is made (and reported) when absent. */
  adminPassword?: string;
  /** Lower only in tests: every stored hash carries its own cost. */
  scryptCost?: ScryptCost;
  now?: () => Date;
  /** Load the demo communities when the table is empty (default true). */
  seedDemoCommunities?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (TLS terminated in front of us). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** The https origin residents and phones use (PUBLIC_URL); posters print it. */
  publicUrl?: string;
  /** Where backups are kept (default `<db dir>/backups`), for the health report's backup age. */
  backupDir?: string;
  backupIntervalHours?: number;
  /** Free bytes on the data disk; injectable for tests. */
  freeBytes?: (dir: string) => number | undefined;
  /** RETENTION_YEARS: a locked year's raw answers go this many years after the lock (default 2). */
  retentionYears?: number;
  /** BACKUP_COPY_DIR: retention prunes the copies there too. */
  backupCopyDir?: string;
  /** Turn requests away with 503 while the event loop lags (main.ts; off in tests by default). */
  underPressure?: PressureOptions;
  /**
   * Store phones' sync batches on a writer thread with its own connection (default: when
   * compiled; run from source, as the tests are, each test app would start its own thread).
   */
  syncWriter?: boolean;
  /** Collect the routes' schemas into `app.swagger()` (docs:api and its test only). */
  openapi?: boolean;
  /** Sees every route as it is declared (tests that check the routes' schemas). */
  onRoute?: (route: RouteOptions) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    scryptCost: ScryptCost;
    /** What the first start did: the one-time admin password, demo communities loaded. */
    bootstrapReport: BootstrapReport;
  }
}

// Bodies carry answers and addresses: the logger never sees them, and cookies are redacted.
const LOG_REDACT = {
  paths: ['req.headers.cookie', 'res.headers["set-cookie"]', 'req.body', 'body', 'items'],
  censor: '[redacted]',
};

// Fastify's own request line, less what a URL can carry about a resident (see log-url.ts).
const LOG_SERIALIZERS = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: urlForLog(request.url),
    remoteAddress: request.ip,
  }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger =
    options.logger === false || options.logger === undefined
      ? false
      : {
          redact: LOG_REDACT,
          serializers: LOG_SERIALIZERS,
          ...(typeof options.logger === 'object' ? options.logger : {}),
        };
  const app = Fastify({
    logger,
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('scryptCost', options.scryptCost ?? OWASP_SCRYPT_COST);

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin);
  await app.register(bodyDepthPlugin);
  if (options.underPressure) await app.register(pressurePlugin, options.underPressure);
  await app.register(dbPlugin, {
    dbPath: options.dbPath,
    now: options.now ?? (() => new Date()),
    backupDir: options.backupDir ?? join(dirname(options.dbPath), 'backups'),
  });
  await app.register(repositoriesPlugin);
  await app.register(servicesPlugin, { syncWriter: options.syncWriter ?? !FROM_SOURCE });
  await app.register(healthPlugin, {
    dbPath: options.dbPath,
    publicUrl: options.publicUrl,
    backupDir: options.backupDir ?? join(dirname(options.dbPath), 'backups'),
    backupIntervalHours: options.backupIntervalHours ?? 0,
    freeBytes: options.freeBytes,
  });
  await app.register(authPlugin);

  if (options.openapi) await registerOpenApi(app);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  await app.register(
    async (api) => {
      await api.register(pingRoutes);
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(communitiesRoutes);
      await api.register(syncRoutes);
      await api.register(syncConflictsRoutes);
      await api.register(coverageRoutes);
      await api.register(sessionsRoutes);
      await api.register(usersRoutes);
      await api.register(publicRoutes);
      await api.register(outboxImportRoutes);
      await api.register(reviewRoutes);
      await api.register(qualityRoutes);
      await api.register(registerRoutes);
      await api.register(visitsRoutes);
      await api.register(feedbackRoutes);
      await api.register(exportsRoutes);
      await api.register(assessmentRoutes);
      await api.register(retentionRoutes, {
        retentionYears: options.retentionYears ?? 2,
        backupDir: options.backupDir ?? join(dirname(options.dbPath), 'backups'),
        backupCopyDir: options.backupCopyDir,
      });
    },
    { prefix: '/api' },
  );

  const staticDir =
    options.staticDir && existsSync(join(options.staticDir, 'index.html'))
      ? options.staticDir
      : undefined;
  await app.register(staticPlugin, { root: staticDir });
  if (options.staticDir && !staticDir) {
    app.log.warn(
      { staticDir: options.staticDir },
      'PWA build not found (run `npm run build -w apps/pwa`); serving the API only',
    );
  }

  let report: BootstrapReport;
  try {
    report = await bootstrap(app, {
      adminPassword: options.adminPassword,
      seedDemoCommunities: options.seedDemoCommunities ?? true,
    });
  } catch (err) {
    // A refused start (a weak ADMIN_PASSWORD) leaves no database handle or worker behind.
    await app.close();
    throw err;
  }
  app.decorate('bootstrapReport', report);
  await app.ready();
  return app;
}
