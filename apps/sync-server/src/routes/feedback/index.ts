import { questionById, questionnaireOrCurrent } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { FEEDBACK_TEXT_FIELDS, type TalliedQuestion } from '../../repositories/feedback.ts';
import { PageQueryFields, YearQuerySchema } from '../schemas.ts';

const OptionTallySchema = z.object({
  letter: z.string(),
  label: z.string(),
  town: z.number(),
  byCommunity: z.record(z.string(), z.number()),
});

const TalliesSchema = z.object({
  year: z.number(),
  respondents: z.object({ town: z.number(), byCommunity: z.record(z.string(), z.number()) }),
  questions: z.array(
    z.object({
      id: z.enum(['q10', 'q11']),
      number: z.number(),
      text: z.string(),
      options: z.array(OptionTallySchema),
    }),
  ),
});

const TextsQuerySchema = YearQuerySchema.extend({
  community: z.string().max(32).optional(),
  field: z
    .enum(FEEDBACK_TEXT_FIELDS, { error: '文字类别应为 q12、q10Other 或 q11Other' })
    .optional(),
  q: z.string().trim().max(100, '搜索内容不能超过 100 个字').optional(),
  ...PageQueryFields,
});

const TextsSchema = z.object({
  items: z.array(
    z.object({
      responseId: z.string(),
      communityCode: z.string(),
      communityName: z.string(),
      field: z.enum(FEEDBACK_TEXT_FIELDS),
      text: z.string(),
      collectedAt: z.string(),
    }),
  ),
  total: z.number(),
  year: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const TALLIED: readonly TalliedQuestion[] = ['q10', 'q11'];

// What residents said: the option tallies of q10 (problems) and q11 (hopes) and the texts they
// typed. Texts go out as JSON strings, verbatim; showing them as text is the client's job.
const routes: FastifyPluginAsyncZod = async (app) => {
  const { feedback } = app.repos;
  const staff = app.requireRole('admin', 'coordinator');

  app.get(
    '/feedback/tallies',
    {
      schema: {
        querystring: YearQuerySchema,
        response: { 200: TalliesSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: staff,
    },
    async (request) => {
      const year = app.repos.years.resolve(request.query.year);
      // Options as the year's edition prints them (a changed option reads as that year asked).
      const edition = questionnaireOrCurrent(
        app.repos.years.facts().find((y) => y.year === year)?.questionnaireVersion,
      );
      const respondents = feedback.respondents(year);
      return {
        year,
        respondents: {
          town: respondents.reduce((sum, r) => sum + r.count, 0),
          byCommunity: Object.fromEntries(respondents.map((r) => [r.code, r.count])),
        },
        questions: TALLIED.map((id) => {
          const question = questionById(id, edition);
          const counts = feedback.optionCounts(year, id);
          return {
            id,
            number: question.number,
            text: question.text,
            // Every printed option, in the printed order, even one nobody chose.
            options: question.options.map((option) => {
              const mine = counts.filter((c) => c.letter === option.letter);
              return {
                letter: option.letter,
                label: option.label,
                town: mine.reduce((sum, c) => sum + c.count, 0),
                byCommunity: Object.fromEntries(mine.map((c) => [c.code, c.count])),
              };
            }),
          };
        }),
      };
    },
  );

  app.get(
    '/feedback/texts',
    {
      schema: {
        querystring: TextsQuerySchema,
        response: { 200: TextsSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: staff,
    },
    async (request) => {
      const { community, field, q, page, pageSize } = request.query;
      const year = app.repos.years.resolve(request.query.year);
      const found = feedback.texts({
        year,
        community,
        field,
        search: q || undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { ...found, year, page, pageSize };
    },
  );
};
export default routes;
