import { useCallback, useEffect, useRef } from 'react';
import type { OutboxDatabase } from './db.ts';
import { saveDraft } from './store.ts';
import type { ItemKind } from './types.ts';

// Flushers of every open form, so the update prompt can write all drafts before it reloads.
const openForms = new Set<() => Promise<void>>();

export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...openForms].map((flush) => flush()));
}

export const DRAFT_SAVE_DELAY_MS = 250;

export interface DraftAutosave {
  /** Call on every change; the save follows within DRAFT_SAVE_DELAY_MS. */
  readonly schedule: (form: unknown, communityCode: string) => void;
  /** Writes a pending change now (page hidden, leaving the form, before an update). */
  readonly flush: () => Promise<void>;
}

/**
 * Saves a form as a draft shortly after each change, and at once when the page is hidden or
 * closed (a killed browser loses at most the last quarter second of typing).
 */
export function useDraftAutosave(
  db: OutboxDatabase,
  id: string,
  kind: ItemKind,
  collectedBy: string | undefined,
): DraftAutosave {
  const pending = useRef<{ form: unknown; communityCode: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastWrite = useRef<Promise<unknown>>(Promise.resolve());

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const change = pending.current;
    pending.current = null;
    if (change) {
      lastWrite.current = lastWrite.current.then(() =>
        saveDraft(
          db,
          {
            id,
            kind,
            form: change.form,
            communityCode: change.communityCode,
            ...(collectedBy ? { collectedBy } : {}),
          },
          Date.now(),
        ),
      );
    }
    await lastWrite.current;
  }, [db, id, kind, collectedBy]);

  const schedule = useCallback(
    (form: unknown, communityCode: string) => {
      // structuredClone: react-hook-form mutates its values object in place.
      pending.current = { form: structuredClone(form), communityCode };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DRAFT_SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    openForms.add(flush);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      openForms.delete(flush);
      void flush();
    };
  }, [flush]);

  return { schedule, flush };
}
