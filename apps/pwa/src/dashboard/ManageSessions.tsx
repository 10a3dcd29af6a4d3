import type { SessionsAnswer } from '@jiuting/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { roleLabel } from './CollectorsView.tsx';
import { dashboardKeys } from './dashboard-keys.ts';
import type { DeviceSession } from './dashboard-types.ts';
import { beijingTime } from './overview.ts';

/** A short name for a device from its user agent: enough to tell a phone from the office PC. */
export function deviceName(userAgent: string): string {
  if (/MicroMessenger/i.test(userAgent)) return '微信';
  if (/iPhone|iPad/i.test(userAgent)) return 'iPhone / iPad';
  if (/Android/i.test(userAgent)) return '安卓手机';
  if (/Windows/i.test(userAgent)) return 'Windows 电脑';
  if (/Macintosh/i.test(userAgent)) return 'Mac 电脑';
  return userAgent ? '其他设备' : '未知设备';
}

export function ManageSessions() {
  const api = useApi();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: dashboardKeys.sessions(),
    queryFn: () => api.json<SessionsAnswer>('GET', '/api/sessions'),
  });
  const [confirming, setConfirming] = useState<DeviceSession | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.json('DELETE', `/api/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKeys.sessions() }),
  });
  return (
    <section>
      <h2>已登录的设备</h2>
      <p className="muted">
        手机丢失或人员离岗时，在此注销其设备；该设备下次联网即退出登录（未上传的记录仍留在该手机上）。
      </p>
      {sessions.isPending ? (
        <p className="loading">正在加载…</p>
      ) : sessions.isError ? (
        <p className="warning">无法加载：{sessions.error.message}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>人员</th>
                <th>设备</th>
                <th>最近使用</th>
                <th>登录时间</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.data.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.displayName}
                    <span className="community-type">
                      {s.username} · {roleLabel(s.role)}
                    </span>
                  </th>
                  <td>
                    {deviceName(s.userAgent)}
                    <span className="community-type">{s.ip}</span>
                  </td>
                  <td>{beijingTime(s.lastSeenAt)}</td>
                  <td>{beijingTime(s.createdAt)}</td>
                  <td>
                    {s.current ? (
                      <span className="muted">本机</span>
                    ) : (
                      <button
                        type="button"
                        disabled={revoke.isPending}
                        onClick={() => setConfirming(s)}
                      >
                        注销
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming ? (
        <ConfirmDialog
          title="注销设备"
          message={`注销 ${confirming.displayName} 的这台设备（${deviceName(confirming.userAgent)}）？该设备下次联网即需重新登录。`}
          confirmLabel="注销"
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            revoke.mutate(confirming.id);
            setConfirming(null);
          }}
        />
      ) : null}
      {revoke.isError ? <p className="warning">{revoke.error.message}</p> : null}
    </section>
  );
}
