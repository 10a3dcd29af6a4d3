import { INTERVIEW_GROUP_IDS, shanghaiDay } from '@jiuting/questionnaire';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.ts';
import { principalOf } from '../../plugins/auth.ts';
import { collectorProgress, communityCoverage, townTotals } from '../../services/coverage.ts';
import { townVisits, withCollectorVisits, withVisitFigures } from '../../services/visit-figures.ts';
import { fastSchemaSerializer } from '../fast-serializer.ts';
import { RoleSchema } from '../schemas.ts';

const nullableNumber = z.number().nullable();

const OutcomeCountsSchema = z.object({
  notHome: z.number(),
  refused: z.number(),
  vacant: z.number(),
});
const VisitFiguresSchema = OutcomeCountsSchema.extend({ revisit: z.number() });

const CommunityCoverageSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['导入居', '村改居']),
  totalHouseholds: z.number(),
  surveyedHouseholds: z.number(),
  coverage: z.number(),
  meetsTarget: z.boolean(),
  shortfall: z.number(),
  responses: z.number(),
  repeats: z.number(),
  interviews: z.object({
    total: z.number(),
    target: z.number(),
    meetsTarget: z.boolean(),
    shortfall: z.number(),
    byGroup: z.record(z.enum(INTERVIEW_GROUP_IDS), z.number()),
  }),
  meanSurveyScore: nullableNumber,
  meanInterviewScore: nullableNumber,
  satisfactionPoints: nullableNumber,
  lastActivityAt: z.string().nullable(),
  register: z.object({ outside: z.number() }).nullable(),
  // Visits by outcome (不在家 / 拒访 / 空置) and 回访 (latest 不在家, not counted): never coverage.
  visits: VisitFiguresSchema,
  // The community's drawn sample, and how many counted households came from it.
  sample: z
    .object({
      seed: z.number(),
      drawnAt: z.string(),
      size: z.number(),
      reserveSize: z.number(),
      countedSample: z.number(),
      countedReserve: z.number(),
    })
    .nullable(),
});

const TownTotalsSchema = z.object({
  communities: z.number(),
  totalHouseholds: z.number(),
  surveyedHouseholds: z.number(),
  coverage: z.number(),
  communitiesMeetingTarget: z.number(),
  responses: z.number(),
  repeats: z.number(),
  interviews: z.number(),
  communitiesMeetingInterviewTarget: z.number(),
  meanSurveyScore: nullableNumber,
  lastActivityAt: z.string().nullable(),
  visits: VisitFiguresSchema,
});

const CollectorSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  households: z.number(),
  responses: z.number(),
  interviews: z.number(),
  visits: OutcomeCountsSchema,
  byDay: z.array(
    z.object({
      date: z.string(),
      households: z.number(),
      responses: z.number(),
      interviews: z.number(),
    }),
  ),
});

// The phone's home screen: per community, households counted today (Shanghai day, anyone) and
// counted by the person asking (ever) — figures the rows above do not split by community.
const FieldProgressSchema = z.object({
  day: z.string(),
  communities: z.array(z.object({ code: z.string(), today: z.number(), mine: z.number() })),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coverage',
    {
      schema: {
        response: {
          200: z.object({
            communities: z.array(CommunityCoverageSchema),
            town: TownTotalsSchema,
            collectors: z.array(CollectorSchema),
            fieldProgress: FieldProgressSchema,
          }),
          ...errorResponses(401, 403),
        },
      },
      onRequest: app.requireRole('admin', 'coordinator', 'canvasser', 'interviewer'),
      // The dashboard polls this; at 100,000 responses re-validating the ~1,500 collector-days
      // on the way out (the zod serializer) doubled the request's time.
      serializerCompiler: fastSchemaSerializer,
    },
    async (request) => {
      const { user } = principalOf(request);
      const staff = user.role === 'admin' || user.role === 'coordinator';
      const mine = new Set(user.communities);
      // Field staff see the progress of their own communities and their own work, nothing else.
      const visible = app.repos.communities.list().filter((c) => staff || mine.has(c.code));
      const visits = app.repos.visits;
      const communities = withVisitFigures(
        communityCoverage(
          visible,
          app.repos.coverage.responseTotals(),
          app.repos.coverage.interviewCounts(),
          app.repos.registers.totals(),
        ),
        visits.counts(),
        visits.sampleCoverage(),
      );
      const users = new Map(
        (staff ? app.repos.users.list() : [user]).map((u) => [u.id, u] as const),
      );
      const collectors = withCollectorVisits(
        collectorProgress(app.repos.coverage.collectorDays(), users),
        visits.collectorCounts(),
        (userId) => {
          const u = users.get(userId);
          return u
            ? {
                userId: u.id,
                username: u.username,
                displayName: u.displayName,
                role: u.role,
                households: 0,
                responses: 0,
                interviews: 0,
                byDay: [],
              }
            : undefined;
        },
      );
      const day = shanghaiDay(app.now().toISOString());
      const progress = new Map(
        app.repos.coverage.fieldProgress(day, user.id).map((p) => [p.code, p] as const),
      );
      return {
        communities,
        town: { ...townTotals(communities), visits: townVisits(communities) },
        collectors,
        fieldProgress: {
          day,
          communities: visible.map((c) => ({
            code: c.code,
            today: progress.get(c.code)?.today ?? 0,
            mine: progress.get(c.code)?.mine ?? 0,
          })),
        },
      };
    },
  );
};
export default routes;
