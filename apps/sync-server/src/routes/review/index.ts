import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { type ReviewKind, reviewRepository } from '../../repositories/review.ts';
import { PageQueryFields, plain } from '../schemas.ts';

const MarkSchema = z
  .object({
    at: z.string(),
    reason: z.string(),
    byUserId: z.string().nullable(),
    byDisplayName: z.string().nullable(),
  })
  .nullable();

const ItemBase = {
  id: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  collector: z.string().nullable(),
  collectedAt: z.string(),
  receivedAt: z.string(),
  invalid: MarkSchema,
};

export const ReviewResponseSchema = z.object({
  ...ItemBase,
  householdKey: z.string(),
  channel: z.string(),
  score: z.number(),
  counted: z.boolean(),
});

export const ReviewInterviewSchema = z.object({
  ...ItemBase,
  group: z.string(),
  method: z.string(),
  date: z.string(),
  view: z.string(),
});

const ListQuerySchema = z.object({
  community: z.string().max(32).optional(),
  status: z
    .enum(['all', 'valid', 'invalid', 'repeat'], {
      error: '状态应为 all、valid、invalid 或 repeat',
    })
    .default('all'),
  ...PageQueryFields,
});

const IdParamsSchema = z.object({ id: z.string().max(64) });

const ReasonBodySchema = z.strictObject({
  reason: plain(
    z
      .string({ error: '请填写标记无效的原因' })
      .trim()
      .min(1, '请填写标记无效的原因')
      .max(200, '原因不能超过 200 个字'),
    '原因',
  ),
});

const KINDS: Record<'responses' | 'interviews', ReviewKind> = {
  responses: 'response',
  interviews: 'interview',
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const review = reviewRepository(app.db, app.repos.submissions);
  const staff = app.requireRole('admin', 'coordinator');

  for (const [segment, kind] of Object.entries(KINDS)) {
    const itemSchema = kind === 'response' ? ReviewResponseSchema : ReviewInterviewSchema;
    const answer = (id: string) => {
      const item = review.find(kind, id);
      if (!item) throw new AppError('record_not_found');
      return { item };
    };
    const actionOf = (request: Parameters<typeof principalOf>[0], id: string) => ({
      kind,
      id,
      actorUserId: principalOf(request).user.id,
      at: app.now().toISOString(),
      ip: request.ip,
    });
    const check = (outcome: ReturnType<typeof review.restore>) => {
      if (outcome !== 'done')
        throw new AppError(outcome === 'not_found' ? 'record_not_found' : outcome);
    };

    app.get(
      `/review/${segment}`,
      {
        schema: {
          querystring: ListQuerySchema,
          response: {
            200: z.object({
              items: z.array(itemSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { community, status, page, pageSize } = request.query;
        const filter = { community, status, limit: pageSize, offset: (page - 1) * pageSize };
        return { ...review.list(kind, filter), page, pageSize };
      },
    );

    app.post(
      `/review/${segment}/:id/invalidate`,
      {
        schema: {
          params: IdParamsSchema,
          body: ReasonBodySchema,
          response: {
            200: z.object({ item: itemSchema }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        check(review.invalidate(actionOf(request, request.params.id), request.body.reason));
        request.log.info({ kind, id: request.params.id }, 'review: marked invalid');
        return answer(request.params.id);
      },
    );

    app.post(
      `/review/${segment}/:id/restore`,
      {
        schema: {
          params: IdParamsSchema,
          response: {
            200: z.object({ item: itemSchema }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        check(review.restore(actionOf(request, request.params.id)));
        request.log.info({ kind, id: request.params.id }, 'review: restored');
        return answer(request.params.id);
      },
    );
  }
};
export default routes;
