import { lazy } from 'react';

// The collectors' forms, their outbox list and the draft list are not needed to show login or
// home, and with them go react-hook-form and the questionnaire's zod schemas: split out, the
// first screen is ~40 KB (brotli) smaller on a slow phone connection (bench/pwa/bundle-size.ts).
// A stairwell is still no place to fetch a chunk, so every one of them is fetched as soon as the
// first screen is up (and the service worker precaches them besides).
const importers = {
  survey: () => import('../survey/SurveyPage.tsx'),
  interview: () => import('../interview/InterviewPage.tsx'),
  outbox: () => import('../outbox-screens/OutboxPage.tsx'),
  drafts: () => import('../outbox-screens/DraftList.tsx'),
};

export const SurveyPage = lazy(() => importers.survey().then((m) => ({ default: m.SurveyPage })));
export const InterviewPage = lazy(() =>
  importers.interview().then((m) => ({ default: m.InterviewPage })),
);
export const OutboxPage = lazy(() => importers.outbox().then((m) => ({ default: m.OutboxPage })));
export const DraftList = lazy(() => importers.drafts().then((m) => ({ default: m.DraftList })));

/**
 * Loads every collector screen in the background. Offline it fails quietly: the service worker's
 * copy, or the next visit with a connection, serves them.
 */
export function preloadCollectorScreens(): void {
  for (const load of Object.values(importers)) void load().catch(() => {});
}
