import type { SyncItem } from '@jiuting/questionnaire';
import type {
  DraftItem,
  ItemKind,
  OutboxItem,
  QueuedItem,
  RejectedItem,
  RejectionReason,
  SendingItem,
  SyncedItem,
} from './types.ts';

// The one place an item changes state (see the diagram in types.ts). Pure: the store reads rows,
// asks here what each becomes, and writes the answers in one transaction. Each result is built
// field by field, so an item never keeps a field of the state it left.

export type OutboxEvent =
  /** The canvasser typed: a draft, or a rejected item being fixed, keeps its state. */
  | {
      readonly type: 'edit';
      readonly form: unknown;
      readonly communityCode: string;
      readonly at: number;
    }
  /** A validated form is submitted: a draft, or a fixed rejected item, is queued. */
  | {
      readonly type: 'submit';
      readonly form: unknown;
      readonly payload: SyncItem;
      readonly collectedBy?: string;
      readonly at: number;
    }
  /** An engine takes the item to send: queued, or sending under a lease that ended. */
  | {
      readonly type: 'claim';
      readonly engineId: string;
      readonly leaseUntil: number;
      readonly at: number;
      /** The engine holds the Web Lock: any other claim is a dead run's, whatever its lease. */
      readonly takeOver?: boolean;
    }
  /** The server stored it (accepted or duplicate): a fact, whoever holds the claim now. */
  | { readonly type: 'accept'; readonly at: number; readonly repeat?: boolean }
  /** The server refused it for good; only the engine holding the claim records that. */
  | {
      readonly type: 'reject';
      readonly engineId: string;
      readonly reason: RejectionReason;
      readonly at: number;
    }
  /** Not stored this time (5xx, offline, silence), or the claim is handed back: queued again. */
  | { readonly type: 'retry' | 'release'; readonly engineId: string }
  /** A rejected item is sent again as it is (with a new server id after a conflict). */
  | { readonly type: 'resend'; readonly payload: SyncItem; readonly at: number }
  /** An item saved before the phone recorded collectors goes to the person signing in. */
  | { readonly type: 'adopt'; readonly collector: string };

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OutboxItem['state'],
    readonly event: OutboxEvent['type'],
  ) {
    super(`an outbox item cannot go through '${event}' while ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

/** The new item, or `undefined` when the event does not apply to the item in its state. */
export function tryTransition(item: OutboxItem, event: OutboxEvent): OutboxItem | undefined {
  switch (event.type) {
    case 'edit':
      if (item.state === 'draft') return { ...draftFields(item, event), state: 'draft' };
      if (item.state === 'rejected') {
        const fixing: RejectedItem = {
          ...submittedFields(item),
          ...draftFields(item, event),
          state: 'rejected',
          reason: item.reason,
        };
        return fixing;
      }
      return undefined;
    case 'submit': {
      if (item.state !== 'draft' && item.state !== 'rejected') return undefined;
      // An item stays its first collector's, whoever fixes and resubmits it.
      const collectedBy = item.collectedBy ?? event.collectedBy;
      const queued: QueuedItem = {
        ...base(item),
        state: 'queued',
        communityCode: event.payload.communityCode,
        form: event.form,
        payload: event.payload,
        updatedAt: event.at,
        queuedAt: event.at,
        attempts: 0,
        ...(collectedBy ? { collectedBy } : {}),
      };
      return queued;
    }
    case 'claim': {
      const free =
        item.state === 'queued' ||
        (item.state === 'sending' && (event.takeOver === true || item.leaseUntil <= event.at));
      if (!free) return undefined;
      const sending: SendingItem = {
        ...submittedFields(item),
        state: 'sending',
        leaseUntil: event.leaseUntil,
        claimedBy: event.engineId,
        attempts: item.attempts + 1,
      };
      return sending;
    }
    case 'accept': {
      if (item.state !== 'queued' && item.state !== 'sending') return undefined;
      const synced: SyncedItem = {
        ...submittedFields(item),
        state: 'synced',
        syncedAt: event.at,
        updatedAt: event.at,
        // Shown in the outbox list: kept on the server, not counted again.
        ...(event.repeat ? { repeat: true } : {}),
      };
      return synced;
    }
    case 'reject': {
      if (item.state !== 'sending' || item.claimedBy !== event.engineId) return undefined;
      const rejected: RejectedItem = {
        ...submittedFields(item),
        state: 'rejected',
        reason: event.reason,
        updatedAt: event.at,
      };
      return rejected;
    }
    case 'retry':
    case 'release':
      if (item.state !== 'sending' || item.claimedBy !== event.engineId) return undefined;
      return { ...submittedFields(item), state: 'queued' };
    case 'resend':
      if (item.state !== 'rejected') return undefined;
      return {
        ...submittedFields(item),
        state: 'queued',
        payload: event.payload,
        queuedAt: event.at,
        updatedAt: event.at,
        attempts: 0,
      };
    case 'adopt':
      if (item.state === 'synced' || item.collectedBy) return undefined;
      return { ...item, collectedBy: event.collector };
  }
}

/** The new item; throws IllegalTransitionError when the event does not apply. */
export function transition(item: OutboxItem, event: OutboxEvent): OutboxItem {
  const next = tryTransition(item, event);
  if (next === undefined) throw new IllegalTransitionError(item.state, event.type);
  return next;
}

export interface NewDraft {
  readonly id: string;
  readonly kind: ItemKind;
  readonly communityCode: string;
  readonly form: unknown;
  readonly collectedBy?: string;
}

/** Where every item starts. */
export function newDraft(input: NewDraft, at: number): DraftItem {
  return {
    id: input.id,
    kind: input.kind,
    state: 'draft',
    communityCode: input.communityCode,
    form: input.form,
    createdAt: at,
    updatedAt: at,
    ...(input.collectedBy ? { collectedBy: input.collectedBy } : {}),
  };
}

function base(item: OutboxItem) {
  return {
    id: item.id,
    kind: item.kind,
    communityCode: item.communityCode,
    form: item.form,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(item.collectedBy ? { collectedBy: item.collectedBy } : {}),
  };
}

function draftFields(
  item: OutboxItem,
  event: { form: unknown; communityCode: string; at: number },
) {
  return {
    ...base(item),
    form: event.form,
    communityCode: event.communityCode,
    updatedAt: event.at,
  };
}

function submittedFields(item: QueuedItem | SendingItem | SyncedItem | RejectedItem) {
  return { ...base(item), payload: item.payload, queuedAt: item.queuedAt, attempts: item.attempts };
}
