import type { SyncItem } from '@jiuting/questionnaire';
import Dexie, { type EntityTable } from 'dexie';
import type {
  MetaEntry,
  OutboxItem,
  RejectionReason,
  StoredVisitList,
  SyncedCount,
} from './types.ts';

export const DEFAULT_DB_NAME = 'jiuting-outbox';

/**
 * Every schema the database has had, oldest first. A version is never edited once released:
 * a change is a new entry whose upgrade keeps every row (Dexie keeps tables it is not told to
 * delete, and we never pass `null` for the items table). Tests open the second-to-last version,
 * fill it, and upgrade.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  readonly version: number;
  readonly stores: Readonly<Record<string, string>>;
  readonly upgrade?: (tx: import('dexie').Transaction) => Promise<void> | void;
}> = [
  {
    version: 1,
    stores: { items: 'id, state, kind, updatedAt' },
  },
  {
    version: 2,
    // Adds the community index (coverage of local items), purged-item counts and a small meta
    // store; items of version 1 get the fields version 2 reads.
    stores: {
      items: 'id, state, kind, updatedAt, communityCode',
      counts: 'key',
      meta: 'key',
    },
    upgrade: async (tx) => {
      await tx
        .table('items')
        .toCollection()
        .modify((item: { communityCode?: string; payload?: unknown; attempts?: number }) => {
          if (item.communityCode === undefined) {
            const payload = item.payload as { communityCode?: string } | undefined;
            item.communityCode = payload?.communityCode ?? '';
          }
          item.attempts ??= 0;
        });
    },
  },
  {
    version: 3,
    // Indexes that let the engine claim the oldest queued items, count what is unsent and find
    // the synced answers to purge without reading every row's answers (issue 17 §3); `kind` and
    // `updatedAt`, which nothing reads, go, since every index is written on every put. Every row
    // gets exactly the fields of its state (types.ts), which the new indexes rely on (an unsent
    // row without `queuedAt` would be missing from them).
    stores: {
      items:
        'id, state, communityCode, [state+queuedAt], [collectedBy+state+queuedAt], [state+syncedAt]',
    },
    upgrade: async (tx) => {
      await tx
        .table('items')
        .toCollection()
        .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
          ref.value = itemOfVersion2(row);
        });
    },
  },
  {
    version: 4,
    // Adds the visit lists (one row per assigned community: the register with each household's
    // state, as last fetched). A new table: no row of another table changes.
    stores: { visitLists: 'communityCode' },
  },
];

const LEGACY_REASON: RejectionReason = {
  status: 'rejected',
  error: 'rejected',
  message: '服务器拒收',
};

/**
 * A row of version 2 (one shape with optional fields for every state) as the item of its state.
 * Nothing is dropped but fields its state does not have; a submitted row without a payload,
 * which no version wrote, would reopen as the draft its form is rather than be lost.
 */
export function itemOfVersion2(row: Record<string, unknown>): OutboxItem {
  const at = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  const createdAt = at(row.createdAt, 0);
  const common = {
    id: String(row.id),
    kind: row.kind === 'interview' ? 'interview' : 'survey',
    communityCode:
      typeof row.communityCode === 'string'
        ? row.communityCode
        : ((row.payload as { communityCode?: string } | undefined)?.communityCode ?? ''),
    form: row.form,
    createdAt,
    updatedAt: at(row.updatedAt, createdAt),
    ...(typeof row.collectedBy === 'string' && row.collectedBy
      ? { collectedBy: row.collectedBy }
      : {}),
  } as const;
  if (row.state === 'draft' || row.payload === undefined || row.payload === null) {
    return { ...common, state: 'draft' };
  }
  const submitted = {
    ...common,
    payload: row.payload as SyncItem,
    queuedAt: at(row.queuedAt, common.updatedAt),
    attempts: at(row.attempts, 0),
  };
  switch (row.state) {
    case 'sending':
      return typeof row.claimedBy === 'string' && typeof row.leaseUntil === 'number'
        ? { ...submitted, state: 'sending', claimedBy: row.claimedBy, leaseUntil: row.leaseUntil }
        : { ...submitted, state: 'queued' };
    case 'synced':
      return { ...submitted, state: 'synced', syncedAt: at(row.syncedAt, common.updatedAt) };
    case 'rejected':
      return {
        ...submitted,
        state: 'rejected',
        reason: (row.reason as RejectionReason | undefined) ?? LEGACY_REASON,
      };
    default:
      return { ...submitted, state: 'queued' };
  }
}

export function applySchemaVersions(db: Dexie, upTo: number = Number.POSITIVE_INFINITY): void {
  for (const entry of SCHEMA_VERSIONS) {
    if (entry.version > upTo) break;
    const version = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) version.upgrade(entry.upgrade);
  }
}

/** The phone's one database: drafts, the outbox, purged counts, the visit lists. */
export class OutboxDatabase extends Dexie {
  items!: EntityTable<OutboxItem, 'id'>;
  counts!: EntityTable<SyncedCount, 'key'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  visitLists!: EntityTable<StoredVisitList, 'communityCode'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    applySchemaVersions(this);
  }
}
