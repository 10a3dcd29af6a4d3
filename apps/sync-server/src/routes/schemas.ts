import type { User } from '../repositories/users.ts';

// The request and response schemas live in @jiuting/api-contract; re-exported for the routes.
export {
  CSV_MAX_LENGTH,
  CsvTextSchema,
  ItemResultSchema,
  PageQueryFields,
  plain,
  RoleSchema,
  StaffUserSchema,
  SyncResultsSchema,
  UserSchema,
  YearQuerySchema,
} from '@jiuting/api-contract';

/** Admins and coordinators reach every community; field staff their assigned ones. */
export function reachableCommunities(user: User, allCodes: () => string[]): string[] {
  return user.role === 'admin' || user.role === 'coordinator' ? allCodes() : user.communities;
}
