import { useState } from 'react';
import { Pager } from './CommunityPicker.tsx';
import { PAGE_SIZE, useSyncConflicts } from './dashboard-api.ts';
import type { SyncConflict } from './dashboard-types.ts';
import { beijingTime } from './overview.ts';

const SOURCES: Record<string, string> = {
  sync: '手机上传',
  outbox: '导入待上传文件',
  qr: '居民扫码',
};
// Every kind the server can answer (the contract's enum): a visit outcome conflicts too.
const KINDS: Record<SyncConflict['kind'], string> = {
  survey: '问卷',
  interview: '访谈',
  visit: '走访结果',
};

/** Enough of a SHA-256 to tell two versions apart by eye. */
const short = (hash: string) => hash.slice(0, 12);

function ConflictRow({ conflict }: { conflict: SyncConflict }) {
  return (
    <li className="review-item" data-testid={`conflict-${conflict.id}`}>
      <div className="review-main">
        <strong>
          {KINDS[conflict.kind]} {conflict.id}
        </strong>
        <span className="review-desc">
          居民区 {conflict.communityCode} · {SOURCES[conflict.source] ?? conflict.source}
        </span>
        <span className="muted">
          {conflict.displayName ?? '居民扫码'}
          {conflict.username ? `（${conflict.username}）` : ''} 于 {beijingTime(conflict.at)}{' '}
          提交，未保存
        </span>
        <span className="muted">
          已保存版本 {short(conflict.storedHash)} · 被拒版本 {short(conflict.receivedHash)}
        </span>
      </div>
    </li>
  );
}

/**
 * Records refused because their id was already stored with other content. Nothing to click:
 * the stored version stands; a coordinator follows up with the phone's owner.
 */
export function SyncConflicts() {
  const [page, setPage] = useState(1);
  const list = useSyncConflicts(page);
  return (
    <section className="sync-conflicts" aria-labelledby="sync-conflicts-title">
      <h3 id="sync-conflicts-title">同步冲突</h3>
      <p className="muted">
        同一编号的记录已保存、再次提交时内容不同，新内容未保存（以先保存的为准）。请联系提交人核对手机上的记录。
      </p>
      {list.isPending ? (
        <p className="loading">正在加载…</p>
      ) : list.isError ? (
        <p className="warning" role="alert">
          无法加载：{list.error.message}
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="empty">没有同步冲突。</p>
      ) : (
        <>
          <p className="muted">共 {list.data.total} 条，最新的在前</p>
          <ul className="review-list">
            {list.data.items.map((conflict) => (
              <ConflictRow key={conflict.conflictId} conflict={conflict} />
            ))}
          </ul>
          <Pager page={page} total={list.data.total} pageSize={PAGE_SIZE} onPage={setPage} />
        </>
      )}
    </section>
  );
}
