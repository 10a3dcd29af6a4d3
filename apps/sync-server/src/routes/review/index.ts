import {
  IdParamsSchema,
  type ReviewInterview,
  ReviewInterviewAnswerSchema,
  type ReviewInterviewSchema,
  ReviewInterviewsPageSchema,
  ReviewListQuerySchema,
  type ReviewPage,
  ReviewReasonBodySchema,
  type ReviewResponse,
  ReviewResponseAnswerSchema,
  type ReviewResponseSchema,
  ReviewResponsesPageSchema,
} from '@jiuting/api-contract';
import { responseFlags } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { ReviewKind } from '../../repositories/review.ts';
import { keptFlags } from '../../services/kept-flags.ts';

const KINDS: Record<'responses' | 'interviews', ReviewKind> = {
  responses: 'response',
  interviews: 'interview',
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const { review, quality } = app.repos;
  // Flags are computed per request, so they always match the data: for a page, from the rows
  // that decide its items' flags; for the flag filter, over every response (all years), kept
  // and brought up to date from the responses stored since.
  const allFlagged = keptFlags({
    changes: quality.changes,
    all: () => quality.responses('0000-01-01', '9999-12-31'),
    after: (seq) => quality.responsesAfter(seq),
  });
  const allFlags = () => allFlagged().flags;
  const withFlags = <T extends { id: string }>(items: readonly T[]) => {
    const flags = responseFlags(quality.responsesAround(items.map((item) => item.id)));
    return items.map((item) => ({ ...item, flags: flags.get(item.id) ?? [] }));
  };
  const staff = app.requireRole('admin', 'coordinator');

  for (const [segment, kind] of Object.entries(KINDS)) {
    // The kind's own schema at run time; either kind's answer to the handler's types.
    const pageSchema: z.ZodType<ReviewPage> =
      kind === 'response' ? ReviewResponsesPageSchema : ReviewInterviewsPageSchema;
    const itemAnswerSchema: z.ZodType<{ item: ReviewResponse | ReviewInterview }> =
      kind === 'response' ? ReviewResponseAnswerSchema : ReviewInterviewAnswerSchema;
    type Item = z.infer<typeof ReviewResponseSchema> | z.infer<typeof ReviewInterviewSchema>;
    const answer = (id: string): { item: Item } => {
      const item = review.find(kind, id);
      if (!item) throw new AppError('record_not_found');
      return { item: (kind === 'response' ? withFlags([item])[0] : item) as Item };
    };
    const actionOf = (request: Parameters<typeof principalOf>[0], id: string) => ({
      kind,
      id,
      actorUserId: principalOf(request).user.id,
      at: app.now().toISOString(),
      ip: request.ip,
    });
    // A locked year's records no longer change: its results were decided on them.
    const yearOfRecord = app.db
      .prepare<[string], number>(`SELECT assessment_year FROM ${segment} WHERE id = ?`)
      .pluck();
    const refuseLocked = (id: string) => {
      const year = yearOfRecord.get(id);
      if (year !== undefined && app.repos.years.isLocked(year)) {
        throw new AppError(
          'year_locked',
          undefined,
          `这条记录属于 ${year} 年度，该年度考核已锁定，不能再标记或恢复`,
        );
      }
    };
    const check = (outcome: ReturnType<typeof review.restore>) => {
      if (outcome !== 'done')
        throw new AppError(outcome === 'not_found' ? 'record_not_found' : outcome);
    };

    app.get(
      `/review/${segment}`,
      {
        schema: {
          querystring: ReviewListQuerySchema,
          response: {
            200: pageSchema,
            ...errorResponses(400, 401, 403),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        const { community, id, status, channel, collector, flag, address, cursor, page, pageSize } =
          request.query;
        const year = app.repos.years.resolve(request.query.year);
        const ids =
          flag === undefined || kind !== 'response'
            ? undefined
            : [...allFlags()].filter(([, mine]) => mine.includes(flag)).map(([id]) => id);
        const filter = {
          // One record by id (as the quality view opens it) is found whatever its year.
          year: id === undefined ? year : undefined,
          community,
          id,
          status,
          channel,
          collector,
          address: address === '' ? undefined : address,
          ids,
          limit: pageSize,
          offset: cursor === undefined ? (page - 1) * pageSize : 0,
          cursor,
        };
        const { items, total, nextCursor } = review.list(kind, filter);
        return {
          items: (kind === 'response' ? withFlags(items as { id: string }[]) : items) as Item[],
          total,
          page,
          pageSize,
          nextCursor,
        };
      },
    );

    app.post(
      `/review/${segment}/:id/invalidate`,
      {
        schema: {
          params: IdParamsSchema,
          body: ReviewReasonBodySchema,
          response: {
            200: itemAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        refuseLocked(request.params.id);
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
            200: itemAnswerSchema,
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
        onRequest: staff,
      },
      async (request) => {
        refuseLocked(request.params.id);
        check(review.restore(actionOf(request, request.params.id)));
        request.log.info({ kind, id: request.params.id }, 'review: restored');
        return answer(request.params.id);
      },
    );
  }
};
export default routes;
