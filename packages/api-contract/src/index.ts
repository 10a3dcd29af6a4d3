// The HTTP contract between apps/pwa and apps/sync-server: the request and response schemas the
// server's routes declare, from which the PWA infers its types and docs/openapi.json is made.
export type { CommunityCoverage } from '@jiuting/questionnaire';
export {
  type CollectorProgress,
  CollectorProgressSchema,
  type CommunityCoverageRow,
  CommunityCoverageRowSchema,
  CommunityCoverageSchema,
  type CoverageAnswer,
  CoverageAnswerSchema,
  type FieldProgress,
  FieldProgressSchema,
  type OutcomeCounts,
  OutcomeCountsSchema,
  type SampleFigures,
  SampleFiguresSchema,
  type TownTotals,
  TownTotalsSchema,
  type VisitFigures,
  VisitFiguresSchema,
} from './coverage.ts';
export { type ApiErrorBody, ErrorBodySchema, FieldIssueSchema } from './errors.ts';
export { PageQueryFields } from './paging.ts';
export { ROLES, type Role, RoleSchema } from './roles.ts';
export { type ItemResult, ItemResultSchema, SyncResultsSchema } from './sync.ts';
export { type StaffUser, StaffUserSchema, type User, UserSchema } from './users.ts';
