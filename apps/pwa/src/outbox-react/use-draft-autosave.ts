import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutboxDatabase } from '../outbox/db.ts';
import { journalChange, settleChange } from '../outbox/draft-journal.ts';
import { saveDraft } from '../outbox/store.ts';
import type { ItemKind } from '../outbox/types.ts';

// Flushers of every open form, so the update prompt can write all drafts before it reloads.
const openForms = new Set<() => Promise<void>>();

export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...openForms].map((flush) => flush()));
}

/** After a failed write, the unsaved change is tried again this often until one succeeds. */
export const DRAFT_RETRY_MS = 5_000;

export interface DraftAutosave {
  /** Call on every change: it is written to IndexedDB at once. */
  readonly schedule: (form: unknown, communityCode: string) => void;
  /** Resolves once every change so far is written; rejects if the last write failed. */
  readonly flush: () => Promise<void>;
  /** What to tell the canvasser while a change could not be written, else null. */
  readonly error: string | null;
}

interface Change {
  readonly form: unknown;
  readonly communityCode: string;
  /** The change as draft-journal.ts recorded it, to settle once IndexedDB holds it. */
  readonly journaled: string;
}

/**
 * Why a write failed, in words that say what to do: a full phone needs space cleared (the write
 * is retried); a broken browser store is mended by reloading, after a screenshot of the answers.
 */
export function storageFailureMessage(error: unknown, what: 'draft' | 'submit'): string {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map(
    (e) => (e as { name?: unknown } | null)?.name,
  );
  const head = what === 'draft' ? '草稿没能保存' : '保存失败';
  if (names.includes('QuotaExceededError')) {
    const then = what === 'draft' ? '清理后会自动重试保存' : '然后再点“提交”';
    return `${head}：手机存储空间已满。请先截图保留本页答案，再清理手机空间（删除不用的照片、视频或应用），${then}。`;
  }
  return `${head}：浏览器存储出错。请先截图保留本页答案，再刷新页面，重新打开这份记录；仍然出错请改用纸质问卷并联系专班。`;
}

/**
 * Writes a form as a draft on every change: first synchronously to the journal (a page closed
 * right after a tap keeps the tap; draft-journal.ts), then in one small IndexedDB transaction.
 * Writes run one at a time; changes made meanwhile are collapsed into the newest, which is
 * written next. A failed write keeps its change (in memory and in the journal) and is tried
 * again (on the next change, on flush, every DRAFT_RETRY_MS while the form is open, and when the
 * app next starts); it never blocks later writes.
 */
export function useDraftAutosave(
  db: OutboxDatabase,
  id: string,
  kind: ItemKind,
  collectedBy: string | undefined,
): DraftAutosave {
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<Change | null>(null);
  const writing = useRef<Promise<void> | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Once the form is closed its journal entry, not a timer, carries an unsaved change.
  const closed = useRef(false);

  const write = useCallback((): Promise<void> => {
    if (writing.current) return writing.current;
    clearTimeout(retry.current);
    const run = async () => {
      try {
        for (let change = pending.current; change; change = pending.current) {
          await saveDraft(
            db,
            {
              id,
              kind,
              form: change.form,
              communityCode: change.communityCode,
              ...(collectedBy ? { collectedBy } : {}),
            },
            Date.now(),
          );
          settleChange(id, change.journaled);
          // A newer change that arrived during the write stays pending for the next turn.
          if (pending.current === change) pending.current = null;
        }
        setError(null);
      } catch (failure) {
        console.error('could not save the draft', failure);
        setError(storageFailureMessage(failure, 'draft'));
        if (!closed.current) {
          retry.current = setTimeout(() => void write().catch(() => {}), DRAFT_RETRY_MS);
        }
        throw failure;
      } finally {
        writing.current = null;
      }
    };
    writing.current = run();
    return writing.current;
  }, [db, id, kind, collectedBy]);

  const flush = useCallback(async () => {
    // A write under way may have started before the latest change: wait, then write what is left.
    await writing.current?.catch(() => {});
    await write();
  }, [write]);

  const schedule = useCallback(
    (form: unknown, communityCode: string) => {
      const copy = copyOfForm(form);
      const journaled = journalChange({
        id,
        kind,
        form: copy,
        communityCode,
        ...(collectedBy ? { collectedBy } : {}),
        at: Date.now(),
      });
      pending.current = { form: copy, communityCode, journaled };
      void write().catch(() => {});
    },
    [write, id, kind, collectedBy],
  );

  useEffect(() => {
    const onHide = () => void flush().catch(() => {});
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    closed.current = false;
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    openForms.add(flush);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      openForms.delete(flush);
      closed.current = true;
      clearTimeout(retry.current);
      onHide();
    };
  }, [flush]);

  return { schedule, flush, error };
}

/**
 * A copy react-hook-form cannot change under a write in progress (it mutates its values in
 * place). Form values are plain strings, arrays and objects, so a JSON round trip copies them
 * exactly; structuredClone would do too, but Chrome before 98 has none, and drafts silently
 * never saved there.
 */
function copyOfForm(form: unknown): unknown {
  return form === undefined ? undefined : JSON.parse(JSON.stringify(form));
}
