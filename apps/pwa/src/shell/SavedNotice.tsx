import { newId } from '../outbox/ids.ts';
import { hrefOf } from './route.ts';

/** Shown only after IndexedDB committed the item. */
export function SavedNotice({ kind }: { kind: 'survey' | 'interview' }) {
  return (
    <main className="saved" role="status">
      <p className="saved-mark">已保存</p>
      <p>记录已存入本机，联网后自动上传。</p>
      <a className="button primary big" href={hrefOf({ name: kind, id: newId() })}>
        {kind === 'survey' ? '再填一份问卷' : '再记一份访谈'}
      </a>
      <a className="button big" href={hrefOf({ name: 'home' })}>
        返回首页
      </a>
    </main>
  );
}
