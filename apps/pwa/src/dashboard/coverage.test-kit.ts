// Test-only: a town of four communities whose figures are worked out here from raw counts with
// the plan's own rule (30% of households, 20 interviews, 30 points), independently of the
// questionnaire package, so a test can check the screen against arithmetic it did itself.
import type { CommunityCoverage, CommunityCoverageRow, CoverageAnswer } from './dashboard-types.ts';

const GROUPS = [
  'poor_party_member',
  'low_income_family',
  'child_in_difficulty',
  'disabled_resident',
  'elderly_living_alone',
  'other_special',
] as const;

interface Raw {
  code: string;
  name: string;
  type: '导入居' | '村改居';
  total: number;
  surveyed: number;
  repeats: number;
  interviews: Partial<Record<(typeof GROUPS)[number], number>>;
  scoreSum: number;
  last: string | null;
}

export const RAW: readonly Raw[] = [
  {
    code: 'JT01',
    name: '九亭一居',
    type: '导入居',
    total: 200,
    surveyed: 66,
    repeats: 2,
    interviews: { elderly_living_alone: 15, disabled_resident: 5 },
    scoreSum: 66 * 80,
    last: '2026-11-27T02:05:00Z',
  },
  {
    code: 'JT02',
    name: '九亭二居',
    type: '导入居',
    total: 500,
    surveyed: 40,
    repeats: 0,
    interviews: { low_income_family: 3 },
    scoreSum: 40 * 90.5,
    last: '2026-11-26T10:00:00Z',
  },
  {
    code: 'LY01',
    name: '涞寅村居',
    type: '村改居',
    total: 101,
    surveyed: 0,
    repeats: 0,
    interviews: {},
    scoreSum: 0,
    last: null,
  },
  {
    code: 'ZS01',
    name: '中心村居',
    type: '村改居',
    total: 300,
    surveyed: 60,
    repeats: 1,
    interviews: { other_special: 21 },
    scoreSum: 60 * 70,
    last: '2026-11-25T01:00:00Z',
  },
];

const NO_VISITS = { notHome: 0, refused: 0, vacant: 0 };

function figures(r: Raw): CommunityCoverageRow {
  const needed = Math.ceil((r.total * 30) / 100);
  const interviewTotal = Object.values(r.interviews).reduce((s, n) => s + (n ?? 0), 0);
  const mean = r.surveyed > 0 ? r.scoreSum / r.surveyed : null;
  return {
    code: r.code,
    name: r.name,
    type: r.type,
    totalHouseholds: r.total,
    surveyedHouseholds: r.surveyed,
    coverage: r.surveyed / r.total,
    meetsTarget: r.surveyed >= needed,
    shortfall: Math.max(0, needed - r.surveyed),
    responses: r.surveyed + r.repeats,
    repeats: r.repeats,
    interviews: {
      total: interviewTotal,
      target: 20,
      meetsTarget: interviewTotal >= 20,
      shortfall: Math.max(0, 20 - interviewTotal),
      byGroup: Object.fromEntries(
        GROUPS.map((g) => [g, r.interviews[g] ?? 0]),
      ) as CommunityCoverage['interviews']['byGroup'],
    },
    meanSurveyScore: mean,
    meanInterviewScore: null,
    satisfactionPoints: mean === null ? null : Math.round(mean * 30) / 100,
    lastActivityAt: r.last,
    register: null,
    visits: { ...NO_VISITS, revisit: 0 },
    sample: null,
  };
}

export function coverageFixture(raw: readonly Raw[] = RAW): CoverageAnswer {
  const communities = raw.map(figures);
  const total = raw.reduce((s, r) => s + r.total, 0);
  const surveyed = raw.reduce((s, r) => s + r.surveyed, 0);
  return {
    year: 2026,
    communities,
    town: {
      communities: raw.length,
      totalHouseholds: total,
      surveyedHouseholds: surveyed,
      coverage: surveyed / total,
      communitiesMeetingTarget: communities.filter((c) => c.meetsTarget).length,
      responses: communities.reduce((s, c) => s + c.responses, 0),
      repeats: communities.reduce((s, c) => s + c.repeats, 0),
      interviews: communities.reduce((s, c) => s + c.interviews.total, 0),
      communitiesMeetingInterviewTarget: communities.filter((c) => c.interviews.meetsTarget).length,
      meanSurveyScore: surveyed > 0 ? raw.reduce((s, r) => s + r.scoreSum, 0) / surveyed : null,
      lastActivityAt: '2026-11-27T02:05:00Z',
      visits: { ...NO_VISITS, revisit: 0 },
    },
    fieldProgress: {
      day: '2026-11-27',
      communities: communities.map((c) => ({ code: c.code, today: 0, mine: 0 })),
    },
    collectors: [
      {
        userId: 'u1',
        username: 'zhang',
        displayName: '张采集',
        role: 'canvasser',
        households: 9,
        responses: 10,
        interviews: 0,
        visits: NO_VISITS,
        byDay: [
          { date: '2026-11-25', households: 4, responses: 4, interviews: 0 },
          { date: '2026-11-26', households: 5, responses: 6, interviews: 0 },
        ],
      },
    ],
  };
}
