import type { CommunitiesImportAnswer, QrTokenAnswer } from '@jiuting/api-contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import { useServerHealth } from '../api/server-health.ts';
import { useCommunities } from '../api/session.ts';
import {
  TABLE_FILE_ACCEPT,
  type TableUploadBody,
  type UploadedFile,
  uploadedFile,
} from '../api/table-upload.ts';
import { posterAddress } from '../print/poster-address.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { dashboardKeys } from './dashboard-keys.ts';
import type { StaffCommunity } from './dashboard-types.ts';

function errorText(error: unknown): string[] {
  if (error instanceof ApiError) {
    return [error.message, ...(error.issues ?? []).map((i) => `${i.path}：${i.message}`)];
  }
  return [error instanceof Error ? error.message : String(error)];
}

function useRefreshCommunities() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: dashboardKeys.communities() }),
      client.invalidateQueries({ queryKey: dashboardKeys.coverage() }),
    ]);
}

function ImportForm() {
  const api = useApi();
  const refresh = useRefreshCommunities();
  const [csv, setCsv] = useState('');
  // A chosen file is sent as its bytes (GBK and .xlsx are read by the server); typing clears it.
  const [file, setFile] = useState<UploadedFile | null>(null);
  const importing = useMutation({
    mutationFn: (body: TableUploadBody) =>
      api.json<CommunitiesImportAnswer>('POST', '/api/communities/import', body),
    onSuccess: () => refresh(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) importing.mutate({ file });
    else if (csv.trim()) importing.mutate({ csv });
  };
  return (
    <details className="import-form">
      <summary>导入居民区名单（Excel 或 CSV）</summary>
      <form onSubmit={submit}>
        <p className="muted">
          Excel（.xlsx）或 CSV（UTF-8 或
          GBK）文件，第一行为表头：编号,名称,类型,总户数,联系领导（类型填“导入居”或“村改居”）。有任何一行出错时不导入任何内容。
        </p>
        <input
          type="file"
          accept={TABLE_FILE_ACCEPT}
          aria-label="选择文件（.xlsx 或 CSV）"
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            if (chosen) {
              setFile(await uploadedFile(chosen));
              setCsv('');
            }
          }}
        />
        <textarea
          aria-label="CSV 内容"
          rows={4}
          value={csv}
          placeholder={
            file
              ? `已选择 ${file.name}`
              : '编号,名称,类型,总户数,联系领导\nJT01,九亭一居,导入居,1200,张三'
          }
          onChange={(e) => {
            setCsv(e.target.value);
            setFile(null);
          }}
        />
        <button
          type="submit"
          disabled={importing.isPending || (file === null && csv.trim() === '')}
        >
          导入
        </button>
        {importing.isSuccess ? (
          <p className="ok-note" role="status">
            已导入 {importing.data.imported} 个居民区
            {importing.data.removedDemo > 0
              ? `，移除示例居民区 ${importing.data.removedDemo} 个`
              : ''}
          </p>
        ) : null}
        {importing.isError ? (
          <ul className="warning" role="alert">
            {errorText(importing.error).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </form>
    </details>
  );
}

function CommunityRow({ community }: { community: StaffCommunity }) {
  const api = useApi();
  const refresh = useRefreshCommunities();
  const [total, setTotal] = useState(String(community.totalHouseholds));
  const save = useMutation({
    mutationFn: (totalHouseholds: number) =>
      api.json('PATCH', `/api/communities/${encodeURIComponent(community.code)}`, {
        totalHouseholds,
      }),
    onSuccess: () => refresh(),
  });
  const rotate = useMutation({
    mutationFn: () =>
      api.json<QrTokenAnswer>(
        'POST',
        `/api/communities/${encodeURIComponent(community.code)}/qr-token`,
      ),
    onSuccess: () => refresh(),
  });
  const [confirming, setConfirming] = useState(false);
  const health = useServerHealth();
  const origin = posterAddress(health.data?.publicUrl, location.origin).origin;
  // Not residentLink from print/qr.ts: that module brings the QR encoder into the dashboard.
  const link = community.qrToken ? `${origin}/r/${community.qrToken}` : null;
  const changed = total !== String(community.totalHouseholds);
  return (
    <tr data-testid={`manage-${community.code}`}>
      <th scope="row">
        {community.name}
        <span className="community-type">
          {community.code} · {community.type}
        </span>
      </th>
      <td>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(Number(total));
          }}
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            aria-label={`${community.name}总户数`}
            value={total}
            onChange={(e) => setTotal(e.target.value)}
          />
          <button type="submit" disabled={!changed || save.isPending}>
            保存
          </button>
        </form>
        {save.isError ? <p className="field-error">{errorText(save.error).join('；')}</p> : null}
      </td>
      <td className="qr-cell">
        {link ? (
          <a href={link} target="_blank" rel="noreferrer">
            居民扫码链接
          </a>
        ) : (
          '—'
        )}
        <a href={`#/print/poster/${encodeURIComponent(community.code)}`}>打印海报</a>
        <button type="button" disabled={rotate.isPending} onClick={() => setConfirming(true)}>
          更换二维码
        </button>
        {confirming ? (
          <ConfirmDialog
            title="更换二维码"
            message={`更换“${community.name}”的二维码？已张贴的旧二维码将立即失效，需要重新打印张贴。`}
            confirmLabel="更换"
            danger
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              rotate.mutate();
            }}
          />
        ) : null}
        {rotate.isSuccess ? (
          <span className="ok-note">已更换，旧二维码已失效，请重新打印海报</span>
        ) : null}
        {rotate.isError ? (
          <p className="field-error">{errorText(rotate.error).join('；')}</p>
        ) : null}
      </td>
    </tr>
  );
}

export function ManageCommunities() {
  const communities = useCommunities(true);
  return (
    <section>
      <h2>居民区</h2>
      <ImportForm />
      {communities.isPending ? (
        <p className="loading">正在加载…</p>
      ) : communities.isError ? (
        <p className="warning">无法加载：{communities.error.message}</p>
      ) : (
        <div className="table-wrap">
          <table className="manage-table">
            <thead>
              <tr>
                <th>居民区</th>
                <th>总户数</th>
                <th>二维码</th>
              </tr>
            </thead>
            <tbody>
              {(communities.data as StaffCommunity[]).map((c) => (
                <CommunityRow key={`${c.code}-${c.totalHouseholds}`} community={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
