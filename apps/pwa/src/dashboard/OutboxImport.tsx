import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import { errorLines } from '../api/error-lines.ts';
import type { SyncResult } from '../api/types.ts';
import { beijingTime } from './overview.ts';

// A phone that cannot sync for days saves 未上传的记录 → 导出 as a jiuting-outbox file, one per
// collector; the coordinator loads it here. The server credits each item to the collector the
// file names and stores each once, so loading a file twice, or one whose items synced meanwhile,
// adds nothing: the results say so instead of leaving the coordinator to guess.

interface OutboxFile {
  readonly format: 'jiuting-outbox';
  readonly exportedBy?: unknown;
  readonly exportedAt?: unknown;
  readonly items: readonly unknown[];
}

export type ReadOutboxFile = { readonly file: OutboxFile } | { readonly error: string };

/** The file's text as an outbox file, or the sentence that says why it is not one. */
export function readOutboxFile(text: string): ReadOutboxFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: '无法读取这个文件：请选择采集应用“导出未上传记录”保存的 .json 文件' };
  }
  const file = parsed as Partial<OutboxFile> | null;
  if (
    typeof file !== 'object' ||
    file === null ||
    file.format !== 'jiuting-outbox' ||
    !Array.isArray(file.items)
  ) {
    return { error: '这不是采集应用“导出未上传记录”保存的文件' };
  }
  if (file.items.length === 0) return { error: '文件中没有记录' };
  return { file: file as OutboxFile };
}

/** Who the file's records belong to, as the file names them. */
function collectorOf(file: OutboxFile): string {
  const by = file.exportedBy;
  if (typeof by === 'string') return by;
  const username = (by as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username : '（未写明）';
}

function resultLines(results: readonly SyncResult[]): string[] {
  const count = (status: SyncResult['status']) => results.filter((r) => r.status === status).length;
  const lines = [`新保存 ${count('accepted')} 条`];
  if (count('duplicate') > 0) lines.push(`${count('duplicate')} 条系统中已有（不重复计数）`);
  if (count('conflict') > 0) {
    lines.push(`${count('conflict')} 条与系统中同一编号的记录内容不同，见“审核”中的同步冲突`);
  }
  if (count('retry') > 0) {
    lines.push(`${count('retry')} 条服务器暂未保存，请稍后再导入同一文件（已保存的不会重复）`);
  }
  const rejected = results.filter((r) => r.status === 'rejected');
  if (rejected.length > 0) {
    const reasons = [...new Set(rejected.map((r) => r.error?.message ?? '服务器拒收'))];
    lines.push(`${rejected.length} 条被拒收：${reasons.slice(0, 3).join('；')}`);
  }
  return lines;
}

function refusalLines(error: unknown): string[] {
  if (error instanceof ApiError && error.status === 413) {
    return ['文件超过了服务器允许的大小，请联系信息员按部署指南调整服务器的上传上限'];
  }
  return errorLines(error);
}

export function OutboxImport() {
  const api = useApi();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<ReadOutboxFile | null>(null);
  const importing = useMutation({
    mutationFn: (file: OutboxFile) =>
      api.json<{ results: SyncResult[] }>('POST', '/api/outbox-import', file),
    // Coverage, review, collectors and quality all read what was just stored.
    onSuccess: () => client.invalidateQueries(),
  });
  const file = chosen && 'file' in chosen ? chosen.file : null;
  return (
    <section className="outbox-import">
      <h2>导入待上传文件</h2>
      <p className="muted">
        采集员的手机长时间无法上传时，可在“未上传的记录”中导出文件。在此导入后，记录计在文件所写的采集员名下；同一文件导入多次不会重复计数。
      </p>
      <input
        type="file"
        accept=".json,application/json"
        aria-label="选择待上传记录文件（.json）"
        onChange={async (event) => {
          importing.reset();
          const picked = event.target.files?.[0];
          setChosen(picked ? readOutboxFile(await picked.text()) : null);
        }}
      />
      {chosen && 'error' in chosen ? (
        <p className="warning" role="alert">
          {chosen.error}
        </p>
      ) : null}
      {file ? (
        <p>
          采集员 {collectorOf(file)} 的 {file.items.length} 条记录
          {typeof file.exportedAt === 'string' && !Number.isNaN(Date.parse(file.exportedAt))
            ? `（${beijingTime(file.exportedAt)} 导出）`
            : ''}
        </p>
      ) : null}
      <button
        type="button"
        disabled={file === null || importing.isPending}
        onClick={() => file && importing.mutate(file)}
      >
        {importing.isPending ? '正在导入…' : '导入'}
      </button>
      {importing.isSuccess ? (
        <ul className="ok-note" role="status">
          {resultLines(importing.data.results).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {importing.isError ? (
        <ul className="warning" role="alert">
          {refusalLines(importing.error).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
