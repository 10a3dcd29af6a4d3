import type { OutboxDatabase } from './db.ts';
import { saveDraft } from './store.ts';
import type { ItemKind } from './types.ts';

// An IndexedDB write takes a few round trips; a page closed within them loses that write, and a
// canvasser closes the app right after the last tap. So each change is first put in localStorage
// (synchronous: the browser has it the moment setItem returns), removed once IndexedDB holds it,
// and anything left there — a closed page, a failed write — is written to IndexedDB when the app
// next starts. IndexedDB stays the one store: the journal only ever feeds saveDraft.

const PREFIX = 'jiuting-draft-journal:';

export interface JournalEntry {
  readonly id: string;
  readonly kind: ItemKind;
  readonly form: unknown;
  readonly communityCode: string;
  readonly collectedBy?: string;
  readonly at: number;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading localStorage itself throws in some locked-down webviews.
    return null;
  }
}

/** Records a change synchronously; returns what was recorded, to settle it later. */
export function journalChange(entry: JournalEntry): string {
  const text = JSON.stringify(entry);
  try {
    storage()?.setItem(PREFIX + entry.id, text);
  } catch {
    // Full or refused: the IndexedDB write still follows, as without a journal.
  }
  return text;
}

/** Forgets a change IndexedDB now holds, unless a newer one was recorded meanwhile. */
export function settleChange(id: string, text: string): void {
  try {
    const store = storage();
    if (store?.getItem(PREFIX + id) === text) store.removeItem(PREFIX + id);
  } catch {}
}

/** Drops whatever the journal holds for a draft the canvasser discarded, so no start revives it. */
export function forgetJournal(id: string): void {
  try {
    storage()?.removeItem(PREFIX + id);
  } catch {}
}

/**
 * Writes every change left in the journal to IndexedDB (saveDraft: never over a submitted item,
 * nor over a draft changed later than the entry), then forgets it. Run once at start, before any
 * form reads its draft. Twice: no-op. Resolves to how many drafts it changed.
 */
export async function replayDraftJournal(db: OutboxDatabase): Promise<number> {
  const store = storage();
  if (!store) return 0;
  let keys: string[];
  try {
    keys = Object.keys(store).filter((key) => key.startsWith(PREFIX));
  } catch {
    return 0;
  }
  let replayed = 0;
  for (const key of keys) {
    const text = store.getItem(key);
    let entry: JournalEntry | null = null;
    try {
      entry = text ? (JSON.parse(text) as JournalEntry) : null;
    } catch {}
    if (entry && typeof entry.id === 'string') {
      const { id, kind, form, communityCode, collectedBy, at } = entry;
      // A change localStorage could not take (full) left the one before it here, while
      // IndexedDB took the newer one: the older entry must not overwrite it.
      const written = await db.transaction('rw', db.items, async () => {
        const stored = await db.items.get(id);
        if (stored !== undefined && stored.updatedAt > at) return false;
        return saveDraft(
          db,
          { id, kind, form, communityCode, ...(collectedBy ? { collectedBy } : {}) },
          at,
        );
      });
      if (written) replayed += 1;
    }
    if (text !== null) settleChange(key.slice(PREFIX.length), text);
  }
  return replayed;
}
