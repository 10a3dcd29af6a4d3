import type { ApiErrorBody, StaffCommunity } from '@jiuting/api-contract';

// Shapes of the server's answers (docs/api.md): inferred from the schemas its routes declare
// (@jiuting/api-contract) where the contract has them. The PWA reads only the fields it shows.

export type {
  ApiErrorBody,
  CommunityCoverage,
  CoverageAnswer,
  ItemResult as SyncResult,
  Role,
  User,
} from '@jiuting/api-contract';

/**
 * A community as the phone keeps it: the server's, without the resident link's token.
 * `liaisonLeader` and `areas` (the 小区/自然村 offered in the address form) may be absent from
 * communities a phone cached before the server sent them.
 */
export type Community = Omit<StaffCommunity, 'liaisonLeader' | 'areas' | 'qrToken'> &
  Partial<Pick<StaffCommunity, 'liaisonLeader' | 'areas'>>;

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).error === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
