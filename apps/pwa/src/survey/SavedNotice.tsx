import { useState } from 'react';
import { newId } from '../outbox/ids.ts';
import type { OutboxItem } from '../outbox/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { useLive } from '../outbox-react/use-live.ts';
import { hrefOf, navigate } from '../ui/route.ts';
import { stashPrefill } from '../visits/prefill.ts';

/**
 * Shown only after IndexedDB committed the item, and says what is true: 已保存，待上传 while it
 * waits on the phone, 已上传 once the server has it (and whether it counted).
 */
export function SavedNotice({
  kind,
  id,
  form,
}: {
  kind: 'survey' | 'interview';
  id: string;
  /** The submitted form: 下一户 keeps its community, building, unit and channel. */
  form?: unknown;
}) {
  const { db } = useOutbox();
  // null while IndexedDB has not answered; undefined once purged (it was uploaded long ago).
  const item = useLive<OutboxItem | undefined | null>(
    () => db.items.get(id),
    `saved:${db.name}:${id}`,
    null,
  );
  const [nextError, setNextError] = useState(false);
  const uploaded = item === undefined || item?.state === 'synced';

  async function nextHousehold() {
    try {
      // The visit list's code is loaded only when it is needed (the first screen stays small).
      const { nextSurveyPrefill } = await import('../visits/next-survey.ts');
      const nextId = newId();
      stashPrefill(nextId, await nextSurveyPrefill(db, form));
      navigate({ name: 'survey', id: nextId }, true);
    } catch (error) {
      console.error('next household failed', error);
      setNextError(true);
    }
  }

  return (
    <main className="saved" role="status">
      <p className="saved-mark">{uploaded ? '已上传' : '已保存，待上传'}</p>
      <p>
        {uploaded
          ? item?.repeat
            ? '服务器已收到。该户已计入覆盖率，这份问卷保留但不再计数。'
            : '服务器已收到这份记录。'
          : item?.state === 'rejected'
            ? '服务器退回了这份记录，请在“未上传的记录”中查看原因并修改。'
            : '记录已存入本机，联网后自动上传。'}
      </p>
      {kind === 'survey' ? (
        <button type="button" className="primary big" onClick={() => void nextHousehold()}>
          下一户
        </button>
      ) : null}
      {nextError ? (
        <p className="warning" role="alert">
          无法打开下一户，请用“再填一份问卷”
        </p>
      ) : null}
      <a
        className={`button big${kind === 'survey' ? '' : ' primary'}`}
        href={hrefOf({ name: kind, id: newId() })}
      >
        {kind === 'survey' ? '再填一份问卷' : '再记一份访谈'}
      </a>
      <button type="button" className="big" onClick={() => navigate({ name: 'home' }, true)}>
        返回首页
      </button>
    </main>
  );
}

/**
 * Takes the submitted form's address out of the browser history: Back must not reopen its id as a
 * blank form once the phone has purged it (that would reuse a server id for other answers).
 */
export function forgetFormUrl(): void {
  history.replaceState(null, '', hrefOf({ name: 'home' }));
}
