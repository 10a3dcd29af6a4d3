import {
  ChangePasswordAnswerSchema,
  ChangePasswordBodySchema,
  LoginAnswerSchema,
  LoginBodySchema,
  MeAnswerSchema,
  OkAnswerSchema,
} from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { isStrongPassword, WEAK_PASSWORD_MESSAGE } from '../../security/password-strength.ts';
import { hashPassword, verifyPassword } from '../../security/passwords.ts';
import { reachableCommunities } from '../schemas.ts';
import { FailedLoginCounter } from './failed-logins.ts';

const LOGIN_WINDOW = 15 * 60_000;
/** Failures one address may make across every username in LOGIN_WINDOW. */
const ADDRESS_MAX_FAILURES = 50;
/** ASVS: at most 100 failed attempts an hour on one account, from any number of addresses. */
const ACCOUNT_MAX_FAILURES = 100;
const ACCOUNT_WINDOW = 3600_000;

const routes: FastifyPluginAsyncZod = async (app) => {
  const allCodes = () => app.repos.communities.list().map((c) => c.code);
  const toPublicUser = (user: Parameters<typeof reachableCommunities>[0]) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    communities: reachableCommunities(user, allCodes),
  });
  // Unknown usernames still pay for one hash, so timing does not reveal which usernames exist.
  let dummyHash: Promise<string> | undefined;
  // A username no account has is locked out like an account would be, so the lockout does not
  // tell which usernames exist; in memory only, since what was typed is never stored.
  const unknownNames = new FailedLoginCounter(ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW);

  app.post(
    '/auth/login',
    {
      schema: {
        body: LoginBodySchema,
        response: { 200: LoginAnswerSchema, ...errorResponses(400, 401, 429) },
      },
      // Guessing one account's password from one address is slowed here; guessing many
      // usernames from one address, and one account from many, by the counts below.
      preHandler: app.rateLimit({
        max: 10,
        timeWindow: LOGIN_WINDOW,
        keyGenerator: (request) =>
          `${request.ip}|${String((request.body as { username?: unknown })?.username ?? '').toLowerCase()}`,
      }),
    },
    async (request, reply) => {
      const now = app.now();
      const at = now.toISOString();
      const since = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
      // Counted from the audit's login_failed rows, so a restart forgets nothing.
      const failures = app.repos.audit.failedLogins;
      if (failures({ ip: request.ip }, since(LOGIN_WINDOW)) >= ADDRESS_MAX_FAILURES) {
        throw new AppError('rate_limited');
      }
      const { username, password } = request.body;
      const found = app.repos.users.findCredentials(username);
      const nameKey = username.toLowerCase();
      const accountLocked = found
        ? failures({ userId: found.user.id }, since(ACCOUNT_WINDOW)) >= ACCOUNT_MAX_FAILURES
        : unknownNames.isBlocked(nameKey, now.getTime());
      if (accountLocked) throw new AppError('rate_limited');
      let ok = false;
      if (found && !found.user.disabled) {
        ok = await verifyPassword(password, found.passwordHash);
      } else {
        dummyHash ??= hashPassword('not a password', app.scryptCost);
        await verifyPassword(password, await dummyHash);
      }
      if (!found || !ok || found.user.disabled) {
        if (!found) unknownNames.record(nameKey, now.getTime());
        // Never the typed username: people type their password into it by mistake. The
        // account, when there is one, is the actor; an unknown name leaves no trace of itself.
        app.repos.audit.record({
          at,
          action: 'login_failed',
          actorUserId: found?.user.id ?? null,
          ip: request.ip,
        });
        request.log.info({ userId: found?.user.id }, 'login failed');
        throw new AppError('invalid_credentials');
      }
      // The cookie goes out only once the session and its audit row are committed: a login that
      // failed to store must not replace a cookie the device may still be using.
      const session = app.audited(() => {
        const created = app.createSession(request, found.user);
        return {
          result: created,
          audit: {
            at,
            action: 'login',
            actorUserId: found.user.id,
            target: created.id,
            ip: request.ip,
          },
        };
      });
      app.sendSessionCookie(request, reply, session.token);
      return { user: toPublicUser(found.user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { response: { 200: OkAnswerSchema, ...errorResponses(401) } },
      // Every role, including ones added later (department scorers), can see itself and sign out.
      onRequest: app.requireSignedIn,
    },
    async (request, reply) => {
      const principal = request.principal;
      app.audited(() => {
        app.revokeSession(request);
        return {
          result: undefined,
          audit: {
            at: app.now().toISOString(),
            action: 'logout',
            actorUserId: principal?.user.id ?? null,
            target: principal?.sessionId ?? null,
            ip: request.ip,
          },
        };
      });
      // Cleared after the commit: if the logout could not be stored, the session still stands and
      // the device keeps the cookie that goes with it.
      app.clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        body: ChangePasswordBodySchema,
        response: { 200: ChangePasswordAnswerSchema, ...errorResponses(400, 401, 429) },
      },
      onRequest: app.requireSignedIn,
      // Each attempt costs a hash: one account gets a few a quarter-hour, whatever it types.
      preHandler: app.rateLimit({
        max: 10,
        timeWindow: LOGIN_WINDOW,
        keyGenerator: (request) => `password|${request.principal?.user.id ?? request.ip}`,
      }),
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const { currentPassword, newPassword } = request.body;
      const now = app.now();
      const at = now.toISOString();
      // A stolen session must not become a way round the lockout: wrong current passwords are
      // failed logins of this account, counted and refused alike.
      const since = new Date(now.getTime() - ACCOUNT_WINDOW).toISOString();
      if (app.repos.audit.failedLogins({ userId: user.id }, since) >= ACCOUNT_MAX_FAILURES) {
        throw new AppError('rate_limited');
      }
      const refuse = (path: 'currentPassword' | 'newPassword', message: string) =>
        new AppError('validation_failed', [{ path, message }]);
      if (!isStrongPassword(newPassword, [user.username, user.displayName])) {
        throw refuse('newPassword', WEAK_PASSWORD_MESSAGE);
      }
      if (newPassword.normalize('NFC') === currentPassword.normalize('NFC')) {
        throw refuse('newPassword', '新密码不能与当前密码相同');
      }
      const stored = app.repos.users.findCredentials(user.username);
      if (!stored || !(await verifyPassword(currentPassword, stored.passwordHash))) {
        // Nothing typed is stored: the account is the actor, as for a failed login.
        app.repos.audit.record({
          at,
          action: 'login_failed',
          actorUserId: user.id,
          ip: request.ip,
          detail: { during: 'password_change' },
        });
        request.log.info({ userId: user.id }, 'password change: current password wrong');
        throw refuse('currentPassword', '当前密码不正确');
      }
      const passwordHash = await hashPassword(newPassword, app.scryptCost);
      const { session, otherSessionsEnded } = app.audited(() => {
        // Checked again on what is stored now: a password reset meanwhile wins.
        const again = app.repos.users.findCredentials(user.username);
        if (again?.passwordHash !== stored.passwordHash) {
          throw refuse('currentPassword', '密码刚被修改过，请重新输入当前密码');
        }
        app.repos.users.update(user.id, { passwordHash }, at);
        // Every device signed in with the old password (this one's session included) is cut off;
        // this device goes on under a fresh session, its cookie sent only once all is committed.
        const ended = app.repos.sessions.revokeAllForUser(user.id, at);
        const created = app.createSession(request, user);
        const others = Math.max(0, ended - 1);
        return {
          result: { session: created, otherSessionsEnded: others },
          audit: {
            at,
            action: 'password_changed',
            actorUserId: user.id,
            target: user.id,
            ip: request.ip,
            detail: { sessionId: created.id, otherSessionsEnded: others },
          },
        };
      });
      app.sendSessionCookie(request, reply, session.token);
      return { otherSessionsEnded };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        response: {
          200: MeAnswerSchema,
          ...errorResponses(401),
        },
      },
      // Every role, including ones added later (department scorers), can see itself and sign out.
      onRequest: app.requireSignedIn,
    },
    async (request) => {
      const year = app.repos.years.current();
      return {
        user: toPublicUser(principalOf(request).user),
        assessmentYear: year.year,
        questionnaireVersion: year.questionnaireVersion,
      };
    },
  );
};
export default routes;
