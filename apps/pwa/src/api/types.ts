import type { ApiErrorBody } from '@jiuting/api-contract';

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

export interface Community {
  readonly code: string;
  readonly name: string;
  readonly type: '导入居' | '村改居';
  readonly totalHouseholds: number;
  readonly liaisonLeader?: string;
  /**
   * The 小区/自然村 of its register, offered in the address form; empty without a register, and
   * absent from communities a phone cached before the server sent them.
   */
  readonly areas?: readonly string[];
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).error === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
