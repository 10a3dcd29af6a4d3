import { createHash, randomBytes, randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { Role, User } from '../repositories/users.ts';

export const SESSION_COOKIE = 'jt_session';
/** Long enough that a phone used offline for a week (then some) still syncs when it returns. */
export const SESSION_LIFETIME_MS = 14 * 24 * 3600_000;
/**
 * However often it is used, a session ends this long after its sign-in (ASVS 5.0 7.3.2: an
 * absolute lifetime): a phone lost while in use does not stay signed in for ever. A month is
 * one sign-in per month of canvassing; what the phone holds meanwhile waits in its outbox.
 */
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600_000;
// Refreshing the expiry is a write; once an hour per device is plenty for a sliding lifetime.
const REFRESH_AFTER_MS = 3600_000;

export interface Principal {
  user: User;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** An onRequest hook (before the body is even read) that lets through only a signed-in user with one of these roles. */
    requireRole(...roles: Role[]): onRequestAsyncHookHandler;
    /** An onRequest hook that lets through anyone signed in, whatever their role. */
    requireSignedIn: onRequestAsyncHookHandler;
    /**
     * Stores a new device session only; its cookie is sent by sendSessionCookie once the caller's
     * transaction has committed, so a rolled-back write does not replace the device's cookie.
     */
    createSession(request: FastifyRequest, user: User): { id: string; token: string };
    sendSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void;
    /** Revokes the caller's device session; its cookie is cleared by clearSessionCookie after the commit. */
    revokeSession(request: FastifyRequest): void;
    clearSessionCookie(reply: FastifyReply): void;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function cookieOptions(request: FastifyRequest, maxAgeMs: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    // request.protocol honours X-Forwarded-Proto only when trustProxy is configured.
    secure: request.protocol === 'https',
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);

    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const now = app.now();
      const session = app.repos.sessions.findActive(hashToken(token), now.toISOString());
      if (!session) return;
      const user = app.repos.users.findById(session.user_id);
      if (!user || user.disabled) return;
      request.principal = { user, sessionId: session.id };
      if (now.getTime() - Date.parse(session.last_seen_at) > REFRESH_AFTER_MS) {
        const endMs = Math.min(
          now.getTime() + SESSION_LIFETIME_MS,
          Date.parse(session.created_at) + SESSION_ABSOLUTE_LIFETIME_MS,
        );
        app.repos.sessions.touch(session.id, now.toISOString(), new Date(endMs).toISOString());
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, endMs - now.getTime()));
      }
    });

    app.decorate('requireRole', (...roles: Role[]) => {
      return async (request: FastifyRequest) => {
        if (!request.principal) throw new AppError('unauthenticated');
        if (!roles.includes(request.principal.user.role)) throw new AppError('forbidden');
      };
    });

    app.decorate('requireSignedIn', async (request: FastifyRequest) => {
      if (!request.principal) throw new AppError('unauthenticated');
    });

    app.decorate('createSession', (request: FastifyRequest, user: User) => {
      const token = randomBytes(32).toString('base64url');
      const id = randomUUID();
      const now = app.now();
      app.repos.sessions.create({
        id,
        userId: user.id,
        tokenHash: hashToken(token),
        userAgent: String(request.headers['user-agent'] ?? '').slice(0, 200),
        ip: request.ip,
        at: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
      });
      return { id, token };
    });

    app.decorate(
      'sendSessionCookie',
      (request: FastifyRequest, reply: FastifyReply, token: string) => {
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, SESSION_LIFETIME_MS));
      },
    );

    app.decorate('revokeSession', (request: FastifyRequest) => {
      if (request.principal) {
        app.repos.sessions.revoke(request.principal.sessionId, app.now().toISOString());
      }
    });

    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    });
  },
  { name: 'auth', dependencies: ['db', 'repository:users', 'repository:sessions'] },
);

/** The signed-in caller; routes reach this only behind requireRole, so null is a bug guard. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}
