// The coordinator-only answers of the sync server (docs/api.md), as the dashboard reads them.
import type { CommunityType, ResponseFlag } from '@jiuting/questionnaire';

// GET /api/coverage's answer, in the glossary's names, from the HTTP contract itself.
export type {
  CollectorProgress,
  CommunityCoverage,
  CommunityCoverageRow,
  CoverageAnswer,
  SampleFigures,
  TownTotals,
  VisitFigures,
} from '@jiuting/api-contract';
export type { CommunityType };

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
  /** The questionnaire version the answers were given in; absent from an older server (version 1). */
  readonly questionnaireVersion?: number;
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

/** A page that also names the page after it (the review list: keyset paging). */
export interface CursorPage<T> extends Page<T> {
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
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
