import { CHANNEL_IDS, responseFlags } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { ReviewKind } from '../../repositories/review.ts';
import { keptUntilChanged } from '../../services/kept-until-changed.ts';
import { FlagSchema } from '../quality/index.ts';
import { PageQueryFields, plain, YearQuerySchema } from '../schemas.ts';

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
  householdAddress: z.string(),
  channel: z.string(),
  score: z.number(),
  counted: z.boolean(),
  answers: z.record(z.string(), z.unknown()),
  /** The questionnaire version the answers were given in (their letters are that version's). */
  questionnaireVersion: z.number(),
  startedAt: z.string().nullable(),
  answerChanges: z.number().nullable(),
  /** The quality signals that flag it (see GET /api/quality). */
  flags: z.array(FlagSchema),
});

export const ReviewInterviewSchema = z.object({
  ...ItemBase,
  group: z.string(),
  method: z.string(),
  date: z.string(),
  view: z.string(),
});

const ListQuerySchema = YearQuerySchema.extend({
  community: z.string().max(32).optional(),
  /** One record, as the quality view opens it. */
  id: z.string().max(64).optional(),
  status: z
    .enum(['all', 'valid', 'invalid', 'repeat'], {
      error: '状态应为 all、valid、invalid 或 repeat',
    })
    .default('all'),
  channel: z.enum(CHANNEL_IDS, { error: '采集方式应为 door、qr、phone 或 paper' }).optional(),
  collector: z.string().max(64).optional(),
  flag: FlagSchema.optional(),
  address: plain(z.string().max(80, '门牌地址不能超过 80 个字'), '门牌地址').optional(),
  /** A page's nextCursor: the page after it, found by the index (page is then only echoed). */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, '翻页位置不正确，请从第一页重新打开')
    .optional(),
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
  const { review, quality } = app.repos;
  // Flags are computed per request, so they always match the data: for a page, from the rows
  // that decide its items' flags; for the flag filter, over every response (all years).
  const flagsKept = keptUntilChanged<ReturnType<typeof responseFlags>>(quality.version, 1);
  const allFlags = () =>
    flagsKept('all', () => responseFlags(quality.responses('0000-01-01', '9999-12-31')));
  const withFlags = <T extends { id: string }>(items: readonly T[]) => {
    const flags = responseFlags(quality.responsesAround(items.map((item) => item.id)));
    return items.map((item) => ({ ...item, flags: flags.get(item.id) ?? [] }));
  };
  const staff = app.requireRole('admin', 'coordinator');

  for (const [segment, kind] of Object.entries(KINDS)) {
    const itemSchema = kind === 'response' ? ReviewResponseSchema : ReviewInterviewSchema;
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
          querystring: ListQuerySchema,
          response: {
            200: z.object({
              items: z.array(itemSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              nextCursor: z.string().nullable(),
            }),
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
          body: ReasonBodySchema,
          response: {
            200: z.object({ item: itemSchema }),
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
            200: z.object({ item: itemSchema }),
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
