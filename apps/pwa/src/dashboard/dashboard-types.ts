// The coordinator-only answers of the sync server (docs/api.md), as the dashboard reads them.
import type { ReviewStatus } from '@jiuting/api-contract';
import type { CommunityType, ResponseFlag } from '@jiuting/questionnaire';

// Every answer's shape is inferred from the HTTP contract (@jiuting/api-contract), in the
// glossary's names; what is left here is the dashboard's own (its filters).
export type {
  CollectorProgress,
  CommunityCoverage,
  CommunityCoverageRow,
  CoverageAnswer,
  DeviceSession,
  FeedbackField,
  FeedbackTallies,
  FeedbackText,
  FlaggedResponse,
  OptionTally,
  Page,
  QualityAnswer,
  ReviewInterview,
  ReviewMark,
  ReviewPage,
  ReviewResponse,
  ReviewStatus,
  SampleFigures,
  StaffCommunity,
  StaffUser,
  SyncConflict,
  TownTotals,
  VisitFigures,
} from '@jiuting/api-contract';
export type { CommunityType };

export type ReviewKind = 'responses' | 'interviews';

/** The review list's filters ('' for "any"); channel, flag and address are the responses'. */
export interface ReviewFilters {
  readonly community: string;
  readonly status: ReviewStatus;
  readonly channel: string;
  readonly collector: string;
  readonly flag: ResponseFlag | '';
  readonly address: string;
}
