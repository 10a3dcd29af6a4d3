import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/auth.ts';
import type { Actor } from '../../services/assessment/assessment-service.ts';

/** The signed-in user as the assessment's audit trail names them: 姓名（用户名）. */
export function actorOf(request: FastifyRequest): Actor {
  const { user } = principalOf(request);
  return { id: user.id, name: `${user.displayName}（${user.username}）` };
}
