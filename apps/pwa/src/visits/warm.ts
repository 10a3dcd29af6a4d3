// Loaded by the home screen once it is idle: the visit list's screens (their chunk) and the
// stored lists, so the first tap on 走访名单 opens without waiting for either.

export { warmVisitLists } from './use-visit-list.ts';
export { default as VisitListPage } from './VisitListPage.tsx';
