import { randomUUID } from 'node:crypto';
import {
  CreatedUserAnswerSchema,
  CreateUserSchema,
  IdParamsSchema,
  PatchUserSchema,
  StaffUserAnswerSchema,
  UsersAnswerSchema,
} from '@jiuting/api-contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { FIELD_ROLES, manageableRoles, type Role, type User } from '../../repositories/users.ts';
import { isStrongPassword, WEAK_PASSWORD_MESSAGE } from '../../security/password-strength.ts';
import { hashPassword, randomPassword } from '../../security/passwords.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'coordinator');
  const toStaffUser = (u: User) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    communities: u.communities,
    disabled: u.disabled,
    createdAt: u.createdAt,
    department: u.department,
  });
  // A department scorer scores for exactly one department; no other role has one.
  const checkDepartment = (role: Role, department: string | null | undefined) => {
    if (role === 'department_scorer' && !department) {
      throw new AppError('validation_failed', [
        { path: 'department', message: '部门评分员须指定评分部门' },
      ]);
    }
    if (role !== 'department_scorer' && department) {
      throw new AppError('validation_failed', [
        { path: 'department', message: '只有部门评分员可以指定评分部门' },
      ]);
    }
  };
  // A chosen password must not be one an attacker tries first (the account's own names included).
  const checkPassword = (password: string | undefined, names: readonly string[]) => {
    if (password !== undefined && !isStrongPassword(password, names)) {
      throw new AppError('validation_failed', [
        { path: 'password', message: WEAK_PASSWORD_MESSAGE },
      ]);
    }
  };
  const checkCommunities = (codes: readonly string[]) => {
    const unknown = codes.filter((c) => !app.repos.communities.get(c));
    if (unknown.length > 0) {
      throw new AppError('community_unknown', [
        { path: 'communities', message: `没有这些居民区：${unknown.join('、')}` },
      ]);
    }
  };

  app.get(
    '/users',
    {
      schema: {
        response: {
          200: UsersAnswerSchema,
          ...errorResponses(401, 403),
        },
      },
      onRequest: staff,
    },
    async (request) => ({
      users: app.repos.users.list(manageableRoles(principalOf(request).user.role)).map(toStaffUser),
    }),
  );

  app.post(
    '/users',
    {
      schema: {
        body: CreateUserSchema,
        response: {
          200: CreatedUserAnswerSchema,
          ...errorResponses(400, 401, 403, 409),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const actor = principalOf(request).user;
      const body = request.body;
      const check = () => {
        if (!manageableRoles(actor.role).includes(body.role)) throw new AppError('forbidden');
        checkCommunities(body.communities);
        checkDepartment(body.role, body.department);
        checkPassword(body.password, [body.username, body.displayName]);
        if (app.repos.users.findCredentials(body.username)) throw new AppError('username_taken');
      };
      // Refused before the costly hash; checked again, on what is stored then, in the transaction.
      check();
      const password = body.password ?? randomPassword();
      const passwordHash = await hashPassword(password, app.scryptCost);
      const at = app.now().toISOString();
      const user = app.audited(() => {
        check();
        const created = app.repos.users.create({
          id: randomUUID(),
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          passwordHash,
          communities: FIELD_ROLES.includes(body.role) ? body.communities : [],
          department: body.department ?? null,
          at,
        });
        return {
          result: created,
          audit: {
            at,
            action: 'user_created',
            actorUserId: actor.id,
            target: created.id,
            ip: request.ip,
            detail: {
              role: created.role,
              communities: created.communities,
              department: created.department,
            },
          },
        };
      });
      return { user: toStaffUser(user), ...(body.password ? {} : { password }) };
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        params: IdParamsSchema,
        body: PatchUserSchema,
        response: {
          200: StaffUserAnswerSchema,
          ...errorResponses(400, 401, 403, 404),
        },
      },
      onRequest: staff,
    },
    async (request) => {
      const actor = principalOf(request).user;
      const patch = request.body;
      // Every check, on a given read of the target; answers what the update needs.
      const check = (target: User | undefined) => {
        if (!target) throw new AppError('user_not_found');
        const allowed = manageableRoles(actor.role);
        if (!allowed.includes(target.role) || (patch.role && !allowed.includes(patch.role))) {
          throw new AppError('forbidden');
        }
        // Nobody locks themselves out: one's own role and enabled state are changed by another admin.
        if (target.id === actor.id && (patch.role !== undefined || patch.disabled !== undefined)) {
          throw new AppError('forbidden', undefined, '不能修改自己的角色或停用自己的账号');
        }
        if (patch.communities) checkCommunities(patch.communities);
        checkPassword(patch.password, [target.username, patch.displayName ?? target.displayName]);
        const role = patch.role ?? target.role;
        const department =
          patch.department ?? (role === 'department_scorer' ? target.department : null);
        checkDepartment(role, department);
        return { target, department };
      };
      // Refused before the costly hash (~300 ms), then checked again on a fresh read inside the
      // transaction: a role changed meanwhile by another admin is what the permission sees.
      check(app.repos.users.findById(request.params.id));
      const passwordHash =
        patch.password === undefined
          ? undefined
          : await hashPassword(patch.password, app.scryptCost);
      const at = app.now().toISOString();
      const user = app.audited(() => {
        const { target, department } = check(app.repos.users.findById(request.params.id));
        const changed = app.repos.users.update(
          target.id,
          {
            ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
            ...(patch.role !== undefined ? { role: patch.role } : {}),
            ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
            ...(patch.communities !== undefined ? { communities: patch.communities } : {}),
            ...(department !== target.department ? { department } : {}),
            ...(passwordHash !== undefined ? { passwordHash } : {}),
          },
          at,
        ) as User;
        // A new password or a disabled account must not leave a lost phone signed in.
        if (patch.password !== undefined || patch.disabled === true) {
          app.repos.sessions.revokeAllForUser(target.id, at);
        }
        return {
          result: changed,
          audit: {
            at,
            action: 'user_changed',
            actorUserId: actor.id,
            target: target.id,
            ip: request.ip,
            detail: {
              fields: Object.keys(patch),
              ...(patch.role ? { role: { from: target.role, to: patch.role } } : {}),
              ...(patch.communities
                ? { communities: { from: target.communities, to: changed.communities } }
                : {}),
            },
          },
        };
      });
      return { user: toStaffUser(user) };
    },
  );
};
export default routes;
