import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { isStrongPassword } from './security/password-strength.ts';
import { hashPassword, randomPassword } from './security/passwords.ts';
import { parseCommunitiesCsv } from './tables/community-csv.ts';

export const DEMO_COMMUNITIES_CSV = fileURLToPath(
  new URL('../fixtures/demo-communities.csv', import.meta.url),
);

export interface BootstrapReport {
  /** Set only when this start created the first admin with a generated password. */
  generatedAdminPassword?: string;
  adminCreated: boolean;
  demoCommunitiesLoaded: number;
}

/**
 * First start on an empty database: an `admin` account (ADMIN_PASSWORD or a random password
 * reported once — there is no built-in default) and the demo communities, so a new machine has
 * something to run on until the town's real list is imported.
 */
export async function bootstrap(
  app: FastifyInstance,
  options: { adminPassword: string | undefined; seedDemoCommunities: boolean },
): Promise<BootstrapReport> {
  const report: BootstrapReport = { adminCreated: false, demoCommunitiesLoaded: 0 };
  const at = app.now().toISOString();

  if (options.seedDemoCommunities && app.repos.communities.count() === 0) {
    const parsed = parseCommunitiesCsv(readFileSync(DEMO_COMMUNITIES_CSV, 'utf8'));
    if (!parsed.ok) throw new Error('the demo communities CSV is invalid');
    app.repos.communities.importAll(parsed.rows, at, { demo: true });
    report.demoCommunitiesLoaded = parsed.rows.length;
    app.log.info(
      { count: parsed.rows.length },
      '已载入演示居民区（demo communities loaded; import the real list to replace them）',
    );
  }

  if (app.repos.users.count() === 0) {
    // The first admin's password is held to the same rule as every other; better not to start
    // than to guard the whole system with `password12`.
    if (options.adminPassword && !isStrongPassword(options.adminPassword, ['admin'])) {
      throw new Error(
        'ADMIN_PASSWORD 太常见或太有规律，服务器未启动；请换一个更难猜的密码（或不设置，由系统生成）。' +
          ' (ADMIN_PASSWORD is too weak; the server did not start.)',
      );
    }
    const password = options.adminPassword || randomPassword();
    const passwordHash = await hashPassword(password, app.scryptCost);
    app.audited(() => {
      const user = app.repos.users.create({
        id: randomUUID(),
        username: 'admin',
        displayName: '系统管理员',
        role: 'admin',
        passwordHash,
        communities: [],
        at,
      });
      return {
        result: user,
        audit: { at, action: 'user_created', target: user.id, detail: { role: 'admin' } },
      };
    });
    report.adminCreated = true;
    if (!options.adminPassword) report.generatedAdminPassword = password;
    app.log.info('first start: created the admin account');
  }
  return report;
}
