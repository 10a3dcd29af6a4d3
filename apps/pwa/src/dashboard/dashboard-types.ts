// The coordinator-only answers of the sync server (docs/api.md), as the dashboard reads them.
import type { CommunityCoverage, CommunityType } from '@jiuting/questionnaire';

export type { CommunityType };

/** One community's row of GET /api/coverage (the questionnaire package's shape). */
export type CommunityFigures = CommunityCoverage;

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
}

export interface CollectorFigures {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly households: number;
  readonly responses: number;
  readonly interviews: number;
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
  readonly channel: string;
  readonly score: number;
  readonly counted: boolean;
}

export interface ReviewInterview extends ReviewItemBase {
  readonly group: string;
  readonly method: string;
  readonly date: string;
  readonly view: string;
}

export type ReviewKind = 'responses' | 'interviews';
export type ReviewStatus = 'all' | 'valid' | 'invalid' | 'repeat';

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
