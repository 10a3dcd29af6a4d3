import type {
  Channel,
  InterviewGroup,
  InterviewMethod,
  SurveyAnswers,
} from '@jiuting/questionnaire';

// The export's input is plain data the repositories can fill, so the files can be built and
// tested without a database. Scores and tallies are not part of it: they are computed from the
// answers with the questionnaire package, so a file can never disagree with the answers it lists.

export type CommunityType = '导入居' | '村改居';

/** One community's row of the coordinators' overview, as the dashboard shows it. */
export interface CommunitySummaryRow {
  readonly code: string;
  readonly name: string;
  readonly type: CommunityType;
  readonly totalHouseholds: number;
  /** Distinct households with a counted response. */
  readonly surveyedHouseholds: number;
  /** surveyedHouseholds ÷ totalHouseholds, 0–1 (0 when the household count is unknown). */
  readonly coverage: number;
  readonly meetsTarget: boolean;
  /** Households still to survey to reach the 30% line. */
  readonly shortfall: number;
  /** Counted responses (a repeat from the same household included). */
  readonly responses: number;
  /** Responses flagged as a repeat from a household already surveyed. */
  readonly repeats: number;
  readonly interviews: {
    readonly total: number;
    readonly byGroup: Readonly<Record<InterviewGroup, number>>;
  };
  /** Mean questionnaire score 0–100, null before the first counted response. */
  readonly meanSurveyScore: number | null;
  /** Points out of 30, null before the first counted response. */
  readonly satisfactionPoints: number | null;
  /** ISO date-time of the latest response or interview, null when there is none. */
  readonly lastActivityAt: string | null;
}

/** One counted (not invalidated) questionnaire response. */
export interface ResponseDetailRow {
  readonly id: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly householdKey: string;
  readonly channel: Channel;
  /** ISO date-time the answers were taken (on the phone or the resident's page). */
  readonly collectedAt: string;
  /** ISO date-time the server accepted it. */
  readonly receivedAt: string;
  /** The canvasser's username, or CHANNELS.qr (扫码) for a resident's own submission. */
  readonly collector: string;
  readonly answers: SurveyAnswers;
}

/** One counted interview with a special group. */
export interface InterviewRow {
  readonly id: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly group: InterviewGroup;
  readonly method: InterviewMethod;
  /** ISO date (YYYY-MM-DD) of the interview. */
  readonly date: string;
  /** The interviewee's view of the residents' committee, a letter on question 8's scale. */
  readonly view: string;
  readonly needs?: string | null;
  readonly problems?: string | null;
  readonly notes?: string | null;
  readonly collector: string;
  readonly receivedAt: string;
}

export interface AssessmentExportData {
  readonly communities: readonly CommunitySummaryRow[];
  readonly responses: readonly ResponseDetailRow[];
  readonly interviews: readonly InterviewRow[];
}

export const SHEET_NAMES = ['汇总', '问卷明细', '访谈记录', '问题与建议'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];
