import type {
  Channel,
  CommunityCoverage,
  CommunityType,
  InterviewGroup,
  InterviewMethod,
  SurveyAnswers,
} from '@jiuting/questionnaire';
import type { SuggestionTallies } from './tallies.ts';

// The export's input is plain data the repositories can fill, so the files can be built and
// tested without a database. Scores and tallies are not part of it: they are computed from the
// answers with the questionnaire package, so a file can never disagree with the answers it lists.

export type { CommunityType };

/**
 * One community's row of 汇总: the figures of GET /api/coverage, as the dashboard shows them
 * (visits and the sample absent from a caller that does not read them: shown empty).
 */
export type CommunitySummaryRow = CommunityCoverage & {
  readonly visits?: {
    readonly notHome: number;
    readonly refused: number;
    readonly vacant: number;
    readonly revisit: number;
  };
  readonly sample?: {
    readonly size: number;
    readonly reserveSize: number;
    readonly countedSample: number;
    readonly countedReserve: number;
  } | null;
};

/**
 * One visit outcome (不在家 / 拒访 / 空置). The household as its key, as 问卷明细 shows it; no
 * address as typed, nothing about a person.
 */
export interface VisitRow {
  readonly id: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly householdKey: string;
  readonly outcome: string;
  /** 'sample' / 'reserve' when the household is on the community's drawn sample, else null. */
  readonly sampleList: 'sample' | 'reserve' | null;
  readonly collector: string;
  readonly collectedAt: string;
  readonly receivedAt: string;
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
  /** The edition the answers were given in; absent means 附件1 (2025, version 1). */
  readonly questionnaireVersion?: number;
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

/**
 * One line of 户册核对, for a community with a register: a 居住 household of the register
 * (已计入 when it has a counted response, else 未访) or a 册外 response not yet reviewed.
 */
export interface RegisterCheckRow {
  readonly communityCode: string;
  readonly communityName: string;
  readonly area: string | null;
  readonly householdKey: string;
  readonly status: '已计入' | '未访' | '册外';
  /** The address as typed on the form: 册外 lines only (a register household has none). */
  readonly householdAddress: string | null;
  /** The 册外 response's id, to find it again in the review list. */
  readonly responseId: string | null;
}

export interface AssessmentExportData {
  readonly communities: readonly CommunitySummaryRow[];
  /**
   * Iterated once per sheet that lists or tallies them: an array in tests, rows streamed from
   * the database in an export (never the whole year in memory).
   */
  readonly responses: Iterable<ResponseDetailRow>;
  readonly interviews: readonly InterviewRow[];
  readonly registerCheck: readonly RegisterCheckRow[];
  /** Absent from a caller that does not read them: the sheet is then empty. */
  readonly visits?: readonly VisitRow[];
  /**
   * 问题与建议's counts when already made from these same responses (the workbook counts them
   * while it writes 问卷明细); absent, the sheet counts them itself.
   */
  readonly suggestionTallies?: SuggestionTallies;
}

export const SHEET_NAMES = [
  '汇总',
  '问卷明细',
  '访谈记录',
  '问题与建议',
  '户册核对',
  '走访记录',
] as const;
export type SheetName = (typeof SHEET_NAMES)[number];
