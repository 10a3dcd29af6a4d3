import type { SyncItem } from '@jiuting/questionnaire';
import type { ApiErrorBody } from '../api/types.ts';
import type { VisitList } from '../api/visit-list-answer.ts';

/**
 * The life of one collected record on the phone (every change goes through `transition` in
 * transitions.ts):
 *
 *   draft ──submit──▶ queued ──claim──▶ sending ──accept──▶ synced ──grace──▶ (counted, purged)
 *                       ▲                  │ └──reject──▶ rejected ──submit (fixed) / resend──▶ queued
 *                       └─retry/release/───┘
 *                         lease expired
 */
export type OutboxState = OutboxItem['state'];

/** `visit`: a door knocked at without a survey (不在家, 拒访, 空置). */
export type ItemKind = 'survey' | 'interview' | 'visit';

export interface RejectionReason {
  /** `rejected` (invalid) or `conflict` (the id is stored with other content). */
  readonly status: 'rejected' | 'conflict';
  readonly error: string;
  readonly message: string;
  readonly issues?: ApiErrorBody['issues'];
}

/** What every item has, whatever its state. */
interface ItemBase {
  /** Local key; stable across fixes and resends. */
  readonly id: string;
  readonly kind: ItemKind;
  readonly communityCode: string;
  /** What the form holds, so a draft or a rejected item reopens as it was typed. */
  readonly form?: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Username of the signed-in person who saved it (for the export file). */
  readonly collectedBy?: string;
}

/**
 * The fields of other states, absent here: reading one gives `undefined`, writing one does not
 * compile, so no state carries another's leftovers.
 */
type Absent<K extends string> = { readonly [P in K]?: never };

/** Submitted: everything a submitted item has in every later state. */
interface Submitted extends ItemBase {
  /** The validated item to send. Its `id` is the server's idempotency key. */
  readonly payload: SyncItem;
  readonly queuedAt: number;
  /** Claims so far since it was last queued by the canvasser. */
  readonly attempts: number;
}

export interface DraftItem
  extends ItemBase,
    Absent<
      | 'payload'
      | 'queuedAt'
      | 'attempts'
      | 'leaseUntil'
      | 'claimedBy'
      | 'syncedAt'
      | 'reason'
      | 'repeat'
    > {
  readonly state: 'draft';
}

export interface QueuedItem
  extends Submitted,
    Absent<'leaseUntil' | 'claimedBy' | 'syncedAt' | 'reason' | 'repeat'> {
  readonly state: 'queued';
}

export interface SendingItem extends Submitted, Absent<'syncedAt' | 'reason' | 'repeat'> {
  readonly state: 'sending';
  /** The claim expires at this time, so a crashed tab's claim is taken over. */
  readonly leaseUntil: number;
  readonly claimedBy: string;
}

export interface SyncedItem extends Submitted, Absent<'leaseUntil' | 'claimedBy' | 'reason'> {
  readonly state: 'synced';
  readonly syncedAt: number;
  /** The server took this survey for a household already counted (a repeat): kept, not counted. */
  readonly repeat?: boolean;
}

export interface RejectedItem
  extends Submitted,
    Absent<'leaseUntil' | 'claimedBy' | 'syncedAt' | 'repeat'> {
  readonly state: 'rejected';
  readonly reason: RejectionReason;
}

export type OutboxItem = DraftItem | QueuedItem | SendingItem | SyncedItem | RejectedItem;

/** The item type of one state, e.g. `ItemIn<'rejected'>`. */
export type ItemIn<S extends OutboxState> = Extract<OutboxItem, { readonly state: S }>;

/** What is left of synced items once their answers are purged: how many, per community. */
export interface SyncedCount {
  /** `${kind}:${communityCode}` */
  readonly key: string;
  readonly kind: ItemKind;
  readonly communityCode: string;
  count: number;
}

/**
 * A community's visit list as last fetched (api/visit-list-answer.ts). Holds
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

export const UNSENT_STATES = [
  'queued',
  'sending',
  'rejected',
] as const satisfies readonly OutboxState[];
