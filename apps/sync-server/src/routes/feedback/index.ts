import {
  FeedbackTalliesSchema,
  FeedbackTextsQuerySchema,
  FeedbackTextsSchema,
  YearQuerySchema,
} from '@jiuting/api-contract';
import { questionById, questionnaireOrCurrent } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../errors.ts';
import type { TalliedQuestion } from '../../repositories/feedback.ts';

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
        response: { 200: FeedbackTalliesSchema, ...errorResponses(400, 401, 403) },
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
        querystring: FeedbackTextsQuerySchema,
        response: { 200: FeedbackTextsSchema, ...errorResponses(400, 401, 403) },
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
