// GET /api/communities/:code/visit-list as the server answers it (contract 11 §2), inferred from
// the route's schema. Re-exported here, with the other answers' shapes, because the phone's
// database (src/outbox) stores it as it came.
export type { ListedHousehold, ServerVisitState, VisitList } from '@jiuting/api-contract';
