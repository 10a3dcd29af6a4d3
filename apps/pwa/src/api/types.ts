import type { CommunityCoverage } from '@jiuting/questionnaire';
// Shapes of the server's answers (docs/api.md). The server validates what it sends; the PWA reads
// only the fields it shows.

export type Role = 'admin' | 'coordinator' | 'canvasser' | 'interviewer' | 'department_scorer';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly communities: readonly string[];
}

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

/** One community's row of GET /api/coverage (the questionnaire package's shape). */
export type { CommunityCoverage };

export interface CoverageReport {
  readonly communities: readonly CommunityCoverage[];
  readonly town?: Readonly<Record<string, unknown>>;
}

export interface SyncResult {
  readonly id: string;
  /** `retry`: the server failed to store this item just now; send it again later. */
  readonly status: 'accepted' | 'duplicate' | 'conflict' | 'rejected' | 'retry';
  readonly error?: ApiErrorBody;
  /** A survey accepted for a household that was already counted (kept, not counted again). */
  readonly repeat?: boolean;
}

export interface ApiErrorBody {
  readonly error: string;
  readonly message: string;
  readonly issues?: ReadonlyArray<{ path: string; message: string }>;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).error === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
