import { type CommunityCoverage, INTERVIEW_GROUP_IDS } from '@jiuting/questionnaire';
import { z } from 'zod';
import { RoleSchema } from './roles.ts';

const nullableNumber = z.number().nullable();

/** One community's row of GET /api/coverage: the questionnaire package's CommunityCoverage. */
export const CommunityCoverageSchema = z.object({
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
});

// The schema and the package's type must not drift apart: each is assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameShape: Same<z.infer<typeof CommunityCoverageSchema>, CommunityCoverage> = true;
void _sameShape;

/** Visits by outcome (不在家 / 拒访 / 空置): records of their own, never coverage. */
export const OutcomeCountsSchema = z.object({
  notHome: z.number(),
  refused: z.number(),
  vacant: z.number(),
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

/** Outcomes, and 回访: households whose latest visit found nobody home and that are not counted. */
export const VisitFiguresSchema = OutcomeCountsSchema.extend({ revisit: z.number() });
export type VisitFigures = z.infer<typeof VisitFiguresSchema>;

/** A community's drawn sample, and how many counted households came from it. */
export const SampleFiguresSchema = z.object({
  seed: z.number(),
  drawnAt: z.string(),
  size: z.number(),
  reserveSize: z.number(),
  countedSample: z.number(),
  countedReserve: z.number(),
});
export type SampleFigures = z.infer<typeof SampleFiguresSchema>;

/** A community's row as GET /api/coverage sends it: its coverage, its visits and its sample. */
export const CommunityCoverageRowSchema = CommunityCoverageSchema.extend({
  visits: VisitFiguresSchema,
  sample: SampleFiguresSchema.nullable(),
});
export type CommunityCoverageRow = z.infer<typeof CommunityCoverageRowSchema>;

/** The town's sums over the communities a caller may see (GET /api/coverage `town`). */
export const TownTotalsSchema = z.object({
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
export type TownTotals = z.infer<typeof TownTotalsSchema>;

/** One canvasser's or interviewer's progress, in total and by day (GET /api/coverage `collectors`). */
export const CollectorProgressSchema = z.object({
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
export type CollectorProgress = z.infer<typeof CollectorProgressSchema>;

/**
 * The phone's home screen: per community, households counted today (Shanghai day, anyone) and
 * counted by the person asking, in the year — figures the rows above do not split by community.
 */
export const FieldProgressSchema = z.object({
  day: z.string(),
  communities: z.array(z.object({ code: z.string(), today: z.number(), mine: z.number() })),
});
export type FieldProgress = z.infer<typeof FieldProgressSchema>;

/** GET /api/coverage. */
export const CoverageAnswerSchema = z.object({
  /** The assessment year the figures are of (`?year=`, the open year when absent). */
  year: z.number(),
  communities: z.array(CommunityCoverageRowSchema),
  town: TownTotalsSchema,
  collectors: z.array(CollectorProgressSchema),
  fieldProgress: FieldProgressSchema,
});
export type CoverageAnswer = z.infer<typeof CoverageAnswerSchema>;
