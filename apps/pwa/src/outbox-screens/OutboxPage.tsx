import { useEffect, useState } from 'react';
import type { User } from '../api/types.ts';
import { describeItem } from '../outbox/describe.ts';
import { buildOutboxExport, downloadJson, unsentOfOthers } from '../outbox/export.ts';
import { resend } from '../outbox/store.ts';
import type { OutboxItem } from '../outbox/types.ts';
import { useItems, useOutbox } from '../outbox-react/outbox-context.tsx';
import { useLive } from '../outbox-react/use-live.ts';
import { formatTime } from '../ui/format.ts';
import { hrefOf } from '../ui/route.ts';
import { checkStorage, type StorageHealth } from '../ui/storage.ts';

const UNSENT: OutboxItem['state'][] = ['rejected', 'queued', 'sending'];
const SYNCED: OutboxItem['state'][] = ['synced'];

function stateLabel(item: OutboxItem): string {
  if (item.state === 'rejected') return item.reason?.status === 'conflict' ? '冲突' : '被退回';
  if (item.state === 'sending') return '上传中';
  return '待上传';
}

/** Everything not yet on the server, why, and what to do about it. */
export function OutboxPage({
  user,
  communityName,
}: {
  user: User;
  communityName: (code: string) => string;
}) {
  const { db, engine } = useOutbox();
  const items = useItems(UNSENT, user.username);
  // Synced items stay a day before their answers are purged: the canvasser sees what the server
  // made of them (a repeat is kept but not counted).
  const recent = useItems(SYNCED, user.username);
  const others = useLive(
    () => unsentOfOthers(db, user.username),
    `others:${db.name}:${user.username}`,
    [],
  );
  const coordinator = user.role === 'coordinator' || user.role === 'admin';
  const synced = useLive(
    async () => {
      const recent = await db.items.where('state').equals('synced').count();
      const purged = await db.counts.toArray();
      return recent + purged.reduce((sum, c) => sum + c.count, 0);
    },
    `synced:${db.name}`,
    0,
  );
  const [storage, setStorage] = useState<StorageHealth | null>(null);
  useEffect(() => {
    void checkStorage().then(setStorage);
  }, []);

  async function exportFile(collector: string) {
    downloadJson(await buildOutboxExport(db, collector, Date.now()));
  }

  return (
    <main className="outbox">
      <h1>未上传的记录</h1>
      {storage?.warning ? (
        <p className="warning" role="alert">
          {storage.warning}
        </p>
      ) : null}
      {items === null ? null : items.length === 0 ? (
        <p className="empty">本机没有未上传的记录。</p>
      ) : (
        <ul className="item-list">
          {items.map((item) => (
            <li key={item.id} className={`state-${item.state}`}>
              <div>
                <div>
                  <span className={`badge badge-${item.state}`}>{stateLabel(item)}</span>{' '}
                  {describeItem(item, communityName)}
                </div>
                <div className="muted">{formatTime(item.queuedAt ?? item.createdAt)} 提交</div>
                {item.reason ? (
                  <div className="reason" role="note">
                    {item.reason.message}
                    {item.reason.issues?.map((issue) => (
                      <div key={`${issue.path}${issue.message}`}>· {issue.message}</div>
                    ))}
                  </div>
                ) : null}
              </div>
              {item.state === 'rejected' ? (
                <div className="item-actions">
                  {item.kind === 'visit' ? null : (
                    <a className="button primary" href={hrefOf({ name: item.kind, id: item.id })}>
                      修改
                    </a>
                  )}
                  <button
                    type="button"
                    onClick={() =>
                      void resend(db, item.id, Date.now()).then(() => engine.syncNow())
                    }
                  >
                    重新发送
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {recent && recent.length > 0 ? (
        <section className="recent">
          <h2>最近已上传</h2>
          <ul className="item-list">
            {recent.map((item) => (
              <li key={item.id} className="state-synced">
                <div>
                  <div>
                    <span className="badge badge-synced">已上传</span>{' '}
                    {describeItem(item, communityName)}
                  </div>
                  {item.repeat ? (
                    <div className="reason" role="note">
                      重复户：该户已计入覆盖率，这份问卷已保存但不再计数
                    </div>
                  ) : null}
                  <div className="muted">{formatTime(item.syncedAt ?? item.updatedAt)} 上传</div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="muted">
        本机累计已上传 {synced} 条；已上传的答案 24 小时后从手机上清除，只保留条数。
      </p>
      <section className="export">
        <h2>长时间无法上传？</h2>
        <p>
          可将未上传的记录导出为文件，交给考核专班导入系统（重复导入不会重复计数）。导出后记录仍保留在本机。
        </p>
        <button
          type="button"
          onClick={() => void exportFile(user.username)}
          disabled={!items || items.length === 0}
        >
          导出未上传记录
        </button>
      </section>
      {others.length > 0 ? (
        <section className="others">
          <h2>其他人员的记录</h2>
          <p>
            本机还有其他人员未上传的记录，只在其本人登录后上传，不会记在当前账号名下。
            {coordinator ? '如本人无法再登录，可逐人导出文件，由考核专班导入系统。' : ''}
          </p>
          <ul className="item-list">
            {others.map((other) => (
              <li key={other.collector}>
                <div>
                  {other.collector}：{other.count} 条未上传
                </div>
                {coordinator ? (
                  <div className="item-actions">
                    <button type="button" onClick={() => void exportFile(other.collector)}>
                      导出其记录
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
