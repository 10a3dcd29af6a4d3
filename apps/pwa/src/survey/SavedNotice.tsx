import { newId } from '../outbox/ids.ts';
import { hrefOf, navigate } from '../ui/route.ts';

/** Shown only after IndexedDB committed the item. */
export function SavedNotice({ kind }: { kind: 'survey' | 'interview' }) {
  return (
    <main className="saved" role="status">
      <p className="saved-mark">已保存</p>
      <p>记录已存入本机，联网后自动上传。</p>
      <a className="button primary big" href={hrefOf({ name: kind, id: newId() })}>
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
