// The HTTP contract between apps/pwa and apps/sync-server: the request and response schemas the
// server's routes declare, from which the PWA infers its types and docs/openapi.json is made.
// One module per concern; the PWA imports types only (`import type`), so no zod reaches the
// phone's bundle through this package.
export type { CommunityCoverage } from '@jiuting/questionnaire';
export * from './assessment-adjustments.ts';
export * from './assessment-proposals.ts';
export * from './assessment-results.ts';
export * from './assessment-scoring.ts';
export * from './assessment-years.ts';
export * from './auth.ts';
export * from './communities.ts';
export * from './coverage.ts';
export * from './errors.ts';
export * from './exports.ts';
export * from './feedback.ts';
export * from './health.ts';
export * from './paging.ts';
export * from './password.ts';
export * from './quality.ts';
export * from './register.ts';
export * from './resident.ts';
export * from './retention.ts';
export * from './review.ts';
export * from './roles.ts';
export * from './sessions.ts';
export * from './sync.ts';
export * from './sync-conflicts.ts';
export * from './text.ts';
export * from './uploads.ts';
export * from './users.ts';
export * from './visits.ts';
