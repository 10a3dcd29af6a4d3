import type { SyncItem } from '@jiuting/questionnaire';
import { useEffect, useState } from 'react';
import { enqueue } from '../outbox/store.ts';
import type { ItemKind } from '../outbox/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { storageFailureMessage, useDraftAutosave } from '../outbox-react/use-draft-autosave.ts';
import { rememberCommunity } from './last-community.ts';

type WatchChanges = (callback: (all: { communityCode?: string }) => void) => {
  unsubscribe: () => void;
};

export interface QueueOnSubmitOptions {
  readonly id: string;
  readonly kind: ItemKind;
  readonly collectedBy: string | undefined;
  /** react-hook-form's `watch`: every change is autosaved as a draft. */
  readonly watch: WatchChanges;
  /** Called with the submitted form once IndexedDB committed it. */
  readonly onSaved: (form: { communityCode: string }) => void;
}

export interface QueueOnSubmit {
  /** Shown above 提交 while the phone's storage refuses the draft or the submission. */
  readonly saveError: string | null;
  /** Queues a validated item; resolves once it is in IndexedDB (or the error is shown). */
  readonly queue: (payload: SyncItem, form: { communityCode: string }) => Promise<void>;
}

/**
 * What the collectors' forms share around their own questions: a draft saved on every change,
 * and on 提交 the draft written, the item queued, 已保存 and a sync started — in that order.
 */
export function useQueueOnSubmit({
  id,
  kind,
  collectedBy,
  watch,
  onSaved,
}: QueueOnSubmitOptions): QueueOnSubmit {
  const { db, engine } = useOutbox();
  const draft = useDraftAutosave(db, id, kind, collectedBy);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    const subscription = watch((all) => draft.schedule(all, all.communityCode ?? ''));
    return () => subscription.unsubscribe();
  }, [watch, draft.schedule]);

  const queue = async (payload: SyncItem, form: { communityCode: string }) => {
    try {
      await draft.flush();
      await enqueue(
        db,
        { id, kind, payload, form, ...(collectedBy ? { collectedBy } : {}) },
        Date.now(),
      );
    } catch (error) {
      console.error(`could not queue the ${kind}`, error);
      // Nothing was queued: the form stays as it is, and 提交 tries again.
      setSaveError(storageFailureMessage(error, 'submit'));
      return;
    }
    setSaveError(null);
    // Only now has IndexedDB committed: the caller may say 已保存.
    rememberCommunity(form.communityCode);
    onSaved(form);
    void engine.syncNow();
  };

  return { saveError: saveError ?? draft.error, queue };
}
