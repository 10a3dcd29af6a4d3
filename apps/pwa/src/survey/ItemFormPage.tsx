import { type ReactNode, useState } from 'react';
import type { Community, User } from '../api/types.ts';
import type { ItemKind, OutboxItem } from '../outbox/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { isEditable, useItemOnce } from '../outbox-react/use-item.ts';
import { forgetFormUrl, SavedNotice } from './SavedNotice.tsx';

/** What the router gives a survey or interview page. */
export interface CollectorPageProps {
  readonly id: string;
  readonly user: User;
  readonly communities: readonly Community[];
}

export interface ItemFormPageProps {
  readonly id: string;
  readonly kind: Exclude<ItemKind, 'visit'>;
  /** The signed-in person: another person's item on a shared phone is not opened. */
  readonly collector: string;
  /** Said instead of the form once the item is submitted (it must not be edited any more). */
  readonly submittedText: string;
  /** The form for the stored item (undefined: a new one); call `onSaved` once it is queued. */
  readonly children: (item: OutboxItem | undefined, onSaved: (form?: unknown) => void) => ReactNode;
}

/**
 * The page around a collector's form: opens the stored draft or rejected item, shows why the
 * server sent it back, and swaps to 已保存 once the form says it is queued.
 */
export function ItemFormPage({ id, kind, collector, submittedText, children }: ItemFormPageProps) {
  const { db } = useOutbox();
  const { loading, item } = useItemOnce(db, id);
  // The submitted form (for 下一户), once IndexedDB committed it.
  const [saved, setSaved] = useState<{ form: unknown } | null>(null);
  if (saved) return <SavedNotice kind={kind} id={id} form={saved.form} />;
  if (loading) return <p className="loading">正在打开…</p>;
  if (item?.collectedBy && item.collectedBy !== collector) {
    return <p className="empty">这条记录由其他人员采集，只有其本人登录后才能查看和修改。</p>;
  }
  if (!isEditable(item)) return <p className="empty">{submittedText}</p>;
  return (
    <main>
      {item?.state === 'rejected' && item.reason ? (
        <p className="warning" role="alert">
          服务器退回：{item.reason.message}。改好后重新提交。
        </p>
      ) : null}
      {children(item, (form) => {
        forgetFormUrl();
        setSaved({ form });
      })}
    </main>
  );
}
