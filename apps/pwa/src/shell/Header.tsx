import { useEffect, useState } from 'react';
import type { User } from '../api/types.ts';
import type { EngineStatus } from '../outbox/sync-engine.ts';
import {
  isStale,
  type UnsentSummary,
  useEngineStatus,
  useOutbox,
  useUnsentSummary,
} from '../outbox-react/outbox-context.tsx';
import { HeaderBar } from './HeaderBar.tsx';

function statusText(
  status: EngineStatus,
  summary: UnsentSummary | null,
  signedIn: boolean,
): string {
  const rejected = summary?.rejected ?? 0;
  const waiting = (summary?.unsent ?? 0) - rejected;
  const sentence = (...parts: string[]) => parts.filter((part) => part !== '').join('，');
  const rejectedNote = rejected > 0 ? `${rejected} 条被退回需处理` : '';
  if (!signedIn) return summary && summary.unsent > 0 ? '登录后继续上传' : '';
  switch (status.phase) {
    case 'syncing':
      return '正在上传…';
    case 'offline':
      return sentence(
        waiting > 0 ? '未连接服务器，已存在本机，稍后自动上传' : '未连接服务器',
        rejectedNote,
      );
    case 'needsLogin':
      return '登录已失效，请重新登录后上传';
    case 'forbidden':
      return status.message ?? '当前账号无权上传';
    default:
      return sentence(
        waiting > 0 ? `${waiting} 条待上传` : rejected > 0 ? '' : '全部已上传',
        rejectedNote,
      );
  }
}

/** Always visible: how many records are still only on this phone, and 立即同步. */
export function Header({ user, offline }: { user: User | null; offline: boolean }) {
  const { engine } = useOutbox();
  const status = useEngineStatus();
  const summary = useUnsentSummary(user?.username ?? null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const stale = isStale(summary, now);
  return (
    <HeaderBar
      unsent={summary ? summary.unsent : null}
      onSyncNow={() => void engine.syncNow()}
      syncDisabled={status.phase === 'syncing' || !user}
      phase={status.phase}
      status={
        <>
          {statusText(status, summary, user !== null)}
          {offline ? <span>（离线）</span> : null}
        </>
      }
    >
      {stale ? (
        <div className="warning" role="alert">
          有记录超过 24
          小时未上传，请尽快联网并点“立即同步”；无法上传时请到“未上传”页导出文件交给专班。
        </div>
      ) : null}
    </HeaderBar>
  );
}
