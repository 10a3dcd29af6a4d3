import Dexie, { type EntityTable } from 'dexie';
import type { MetaEntry, OutboxItem, StoredVisitList, SyncedCount } from './types.ts';

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
        .modify((item: Partial<OutboxItem>) => {
          if (item.communityCode === undefined) {
            const payload = item.payload as { communityCode?: string } | undefined;
            item.communityCode = payload?.communityCode ?? '';
          }
          item.attempts ??= 0;
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
