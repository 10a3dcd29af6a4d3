import type { SyncItem } from '@jiuting/questionnaire';
import type { ApiErrorBody } from '../api/types.ts';
import type { VisitList } from '../visits/visit-list.ts';

/**
 * The life of one collected record on the phone:
 *
 *   draft ──submit──▶ queued ──claim──▶ sending ──accepted/duplicate──▶ synced ──grace──▶ (counted, purged)
 *                       ▲                  │ └──rejected/conflict──▶ rejected ──fix/resend──▶ queued
 *                       └──5xx/offline/────┘
 *                          lease expired
 */
export type OutboxState = 'draft' | 'queued' | 'sending' | 'synced' | 'rejected';

/** `visit`: a door knocked at without a survey (不在家, 拒访, 空置). */
export type ItemKind = 'survey' | 'interview' | 'visit';

export interface RejectionReason {
  /** `rejected` (invalid) or `conflict` (the id is stored with other content). */
  readonly status: 'rejected' | 'conflict';
  readonly error: string;
  readonly message: string;
  readonly issues?: ApiErrorBody['issues'];
}

export interface OutboxItem {
  /** Local key; stable across fixes and resends. */
  readonly id: string;
  readonly kind: ItemKind;
  state: OutboxState;
  communityCode: string;
  /** What the form holds, so a draft or a rejected item reopens as it was typed. */
  form?: unknown;
  /** The validated item to send (queued and later). Its `id` is the server's idempotency key. */
  payload?: SyncItem;
  createdAt: number;
  updatedAt: number;
  queuedAt?: number;
  syncedAt?: number;
  /** A `sending` claim expires at this time, so a crashed tab's claim is taken over. */
  leaseUntil?: number;
  claimedBy?: string;
  attempts?: number;
  reason?: RejectionReason;
  /** The server took this survey for a household already counted (a repeat): kept, not counted. */
  repeat?: boolean;
  /** Username of the signed-in person who saved it (for the export file). */
  collectedBy?: string;
}

/** What is left of synced items once their answers are purged: how many, per community. */
export interface SyncedCount {
  /** `${kind}:${communityCode}` */
  readonly key: string;
  readonly kind: ItemKind;
  readonly communityCode: string;
  count: number;
}

/**
 * A community's visit list as last fetched (see visits/visit-list.ts for its shape). Holds
 * addresses and states only, never answers or names; replaced whole by each refresh.
 */
export interface StoredVisitList {
  readonly communityCode: string;
  /** The server's answer, kept as it came. */
  readonly list: VisitList;
  /** When this phone fetched it (ms), shown as the time of the last refresh. */
  readonly fetchedAt: number;
}

export interface MetaEntry {
  readonly key: string;
  value: unknown;
}

export const UNSENT_STATES: readonly OutboxState[] = ['queued', 'sending', 'rejected'];
