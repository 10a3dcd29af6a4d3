// The coordinator-only answers of the sync server (docs/api.md), as the dashboard reads them.
import type { CommunityCoverage, CommunityType, ResponseFlag } from '@jiuting/questionnaire';

export type { CommunityType };

/** Visit outcomes (不在家 / 拒访 / 空置) filed; `revisit`: 回访 households (latest 不在家, not counted). */
export interface VisitFigures {
  readonly notHome: number;
  readonly refused: number;
  readonly vacant: number;
  readonly revisit: number;
}

/** A community's drawn sample, and the counted households that came from it. */
export interface SampleFigures {
  readonly seed: number;
  readonly drawnAt: string;
  readonly size: number;
  readonly reserveSize: number;
  readonly countedSample: number;
  readonly countedReserve: number;
}

/**
 * One community's row of GET /api/coverage (the questionnaire package's shape, plus visits and
 * the sample, absent from a server older than them).
 */
export type CommunityFigures = CommunityCoverage & {
  readonly visits?: VisitFigures;
  readonly sample?: SampleFigures | null;
};

export interface TownFigures {
  readonly communities: number;
  readonly totalHouseholds: number;
  readonly surveyedHouseholds: number;
  readonly coverage: number;
  readonly communitiesMeetingTarget: number;
  readonly responses: number;
  readonly repeats: number;
  readonly interviews: number;
  readonly communitiesMeetingInterviewTarget: number;
  readonly meanSurveyScore: number | null;
  readonly lastActivityAt: string | null;
  readonly visits?: VisitFigures;
}

export interface CollectorFigures {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly households: number;
  readonly responses: number;
  readonly interviews: number;
  readonly visits?: Omit<VisitFigures, 'revisit'>;
  readonly byDay: ReadonlyArray<{
    readonly date: string;
    readonly households: number;
    readonly responses: number;
    readonly interviews: number;
  }>;
}

export interface CoverageAnswer {
  readonly communities: readonly CommunityFigures[];
  readonly town: TownFigures;
  readonly collectors: readonly CollectorFigures[];
}

export interface ReviewMark {
  readonly at: string;
  readonly reason: string;
  readonly byUserId: string | null;
  readonly byDisplayName: string | null;
}

interface ReviewItemBase {
  readonly id: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly collector: string | null;
  readonly collectedAt: string;
  readonly receivedAt: string;
  readonly invalid: ReviewMark | null;
}

export interface ReviewResponse extends ReviewItemBase {
  readonly householdKey: string;
  /** The address as typed. */
  readonly householdAddress: string;
  readonly channel: string;
  readonly score: number;
  readonly counted: boolean;
  /** As stored: question ids → printed letters (a list for q10, q11) or text. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly startedAt: string | null;
  readonly answerChanges: number | null;
  readonly flags: readonly ResponseFlag[];
}

export interface ReviewInterview extends ReviewItemBase {
  readonly group: string;
  readonly method: string;
  readonly date: string;
  readonly view: string;
}

export type ReviewKind = 'responses' | 'interviews';
export type ReviewStatus = 'all' | 'valid' | 'invalid' | 'repeat';

/** The review list's filters ('' for "any"); channel, flag and address are the responses'. */
export interface ReviewFilters {
  readonly community: string;
  readonly status: ReviewStatus;
  readonly channel: string;
  readonly collector: string;
  readonly flag: ResponseFlag | '';
  readonly address: string;
}

type FlagCounts = Readonly<Record<ResponseFlag, number>>;

/** GET /api/quality (docs/api.md). */
export interface QualityAnswer {
  readonly year: number;
  readonly thresholds: Readonly<Record<string, number>>;
  readonly communities: ReadonlyArray<{
    readonly code: string;
    readonly name: string;
    readonly responses: number;
    readonly flagged: number;
    readonly flags: FlagCounts;
    readonly doorCount: number;
    readonly qrCount: number;
    readonly doorMean: number | null;
    readonly qrMean: number | null;
    readonly doorAboveQr: boolean;
  }>;
  readonly collectors: ReadonlyArray<{
    readonly userId: string;
    readonly name: string | null;
    readonly responses: number;
    readonly flagged: number;
    readonly flags: FlagCounts;
  }>;
  readonly flagged: Page<FlaggedResponse>;
}

export interface FlaggedResponse {
  readonly id: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly collector: string | null;
  readonly collectorId: string | null;
  readonly channel: string;
  readonly householdKey: string;
  readonly collectedAt: string;
  readonly fillSeconds: number | null;
  readonly answerChanges: number | null;
  readonly score: number;
  readonly counted: boolean;
  readonly invalid: boolean;
  readonly flags: readonly ResponseFlag[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface OptionTally {
  readonly letter: string;
  readonly label: string;
  readonly town: number;
  readonly byCommunity: Readonly<Record<string, number>>;
}

export interface FeedbackTallies {
  readonly respondents: {
    readonly town: number;
    readonly byCommunity: Readonly<Record<string, number>>;
  };
  readonly questions: ReadonlyArray<{
    readonly id: 'q10' | 'q11';
    readonly number: number;
    readonly text: string;
    readonly options: readonly OptionTally[];
  }>;
}

export type FeedbackField = 'q12' | 'q10Other' | 'q11Other';

export interface FeedbackText {
  readonly responseId: string;
  readonly communityCode: string;
  readonly communityName: string;
  readonly field: FeedbackField;
  readonly text: string;
  readonly collectedAt: string;
}

export interface StaffCommunity {
  readonly code: string;
  readonly name: string;
  readonly type: CommunityType;
  readonly totalHouseholds: number;
  readonly liaisonLeader: string;
  readonly qrToken?: string;
}

export interface StaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly communities: readonly string[];
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface DeviceSession {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly userAgent: string;
  readonly ip: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly current: boolean;
}

/** A record refused because its id was already stored with other content (GET /api/sync-conflicts). */
export interface SyncConflict {
  /** This conflict's own number (the same record can conflict more than once). */
  readonly conflictId: number;
  /** The record's id. */
  readonly id: string;
  readonly at: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly displayName: string | null;
  readonly sessionId: string | null;
  readonly source: string;
  readonly kind: 'survey' | 'interview';
  readonly communityCode: string;
  readonly storedHash: string;
  readonly receivedHash: string;
}
