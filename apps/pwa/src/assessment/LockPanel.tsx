import type { LockBody } from '@jiuting/api-contract';
import { useState } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { downloadExport } from '../ui/download.ts';
import {
  type AssessmentYear,
  type LockIssue,
  useAssessmentWrite,
  useLockCheck,
} from './assessment-api.ts';
import { formatTime } from './labels.ts';

/**
 * What is still incomplete, each to resolve (elsewhere) or accept here with a reason; the lock
 * stays disabled until every one is accepted, since the server refuses it otherwise.
 */
function LockIssues({
  issues,
  reasons,
  onReason,
}: {
  issues: readonly LockIssue[];
  reasons: Readonly<Record<string, string>>;
  onReason: (keys: readonly string[], reason: string) => void;
}) {
  const [all, setAll] = useState('');
  const open = issues.filter((i) => !reasons[i.key]?.trim());
  return (
    <div className="lock-check">
      <p className="warning" role="status">
        还有 {issues.length}{' '}
        项未完成。请先处理（确认得分、补齐问卷或访谈），或逐项写明理由后按现状接受；
        接受的事项和理由记入修改记录。
      </p>
      {open.length > 0 ? (
        <div className="field">
          <label>
            <span>为其余 {open.length} 项写同一理由</span>
            <input value={all} onChange={(e) => setAll(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={all.trim() === ''}
            onClick={() =>
              onReason(
                open.map((i) => i.key),
                all,
              )
            }
          >
            接受其余 {open.length} 项
          </button>
        </div>
      ) : null}
      <ul className="lock-issues" aria-label="未完成的事项">
        {issues.map((issue) => (
          <li key={issue.key}>
            <p>{issue.message}</p>
            <input
              type="text"
              maxLength={200}
              placeholder="接受的理由（不处理此项时必填）"
              aria-label={`接受理由：${issue.message}`}
              value={reasons[issue.key] ?? ''}
              onChange={(e) => onReason([issue.key], e.target.value)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The export, and the lock once 镇党委 has decided — asked twice, because it cannot be undone. */
export function LockPanel({ year }: { year: AssessmentYear }) {
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const lock = useAssessmentWrite<LockBody>('POST', `/api/assessment/${year.year}/lock`);
  const locked = year.state === 'locked';
  const check = useLockCheck(year.year, !locked);
  const issues = check.data?.issues ?? [];
  const unanswered = issues.filter((i) => !reasons[i.key]?.trim());
  const ready = !locked && check.isSuccess && unanswered.length === 0;
  return (
    <div className="lock-panel">
      <section className="panel">
        <h3>导出考核结果</h3>
        <p className="muted">按附件2 格式导出 .xlsx：导入居、村改居各一张表，每个居民区一行。</p>
        <a
          className="button"
          href={`/api/assessment/${year.year}/results.xlsx`}
          onClick={(e) => {
            e.preventDefault();
            void downloadExport(
              `/api/assessment/${year.year}/results.xlsx`,
              `${year.year}年综合考核结果.xlsx`,
            ).then((r) => setDownload(r.ok ? `已下载 ${r.fileName}` : r.message));
          }}
        >
          导出 Excel
        </a>
        {download ? <p role="status">{download}</p> : null}
      </section>
      <section className="panel">
        <h3>锁定年度考核</h3>
        {locked ? (
          <>
            <p>
              已于 {formatTime(year.lockedAt ?? '')} 锁定。定案依据：{year.lockNote}
            </p>
            {year.lockExceptions && year.lockExceptions.length > 0 ? (
              <>
                <p>锁定时按现状接受的事项：</p>
                <ul className="lock-issues">
                  {year.lockExceptions.map((e) => (
                    <li key={e.key}>
                      {e.message}——理由：{e.reason}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : (
          <>
            <p className="muted">
              镇党委定案后锁定。锁定后所有得分、加减分、调整和导入都不能再修改，且无法解锁。
            </p>
            <label className="field">
              <span>镇党委定案依据（如会议纪要编号）</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            {check.isPending ? <p className="loading">正在检查是否完整…</p> : null}
            {check.isError ? (
              <p className="warning">无法检查是否完整：{check.error.message}</p>
            ) : null}
            {issues.length > 0 ? (
              <LockIssues
                issues={issues}
                reasons={reasons}
                onReason={(keys, reason) =>
                  setReasons((all) => ({
                    ...all,
                    ...Object.fromEntries(keys.map((k) => [k, reason])),
                  }))
                }
              />
            ) : check.isSuccess ? (
              <p className="muted">所有居民区的得分、问卷覆盖率和访谈人数均已完整。</p>
            ) : null}
            <button
              type="button"
              className="button danger"
              disabled={note.trim() === '' || !ready || lock.isPending}
              onClick={() => setConfirming(true)}
            >
              锁定 {year.year} 年度考核
            </button>
            {lock.error ? (
              <p className="field-error" role="alert">
                未锁定：{lock.error.message}
              </p>
            ) : null}
          </>
        )}
      </section>
      {confirming ? (
        <ConfirmDialog
          title={`锁定 ${year.year} 年度考核？`}
          message={`锁定后，各部门的得分、加分、扣分、满意度调整和 12345 数据都不能再修改，也不能解锁；问卷得分按此刻的数据固定，所有居民区按现有得分评定等次。请确认镇党委已经定案。${issues.length > 0 ? `以下 ${issues.length} 项未完成，将按所写理由接受：` : '所有事项均已完整。'}`}
          confirmLabel="确认锁定"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            lock.mutate({
              note,
              accepted: issues.map((i) => ({ key: i.key, reason: reasons[i.key] ?? '' })),
            });
          }}
        >
          {issues.length > 0 ? (
            <ul className="lock-issues" aria-label="将接受的事项">
              {issues.map((i) => (
                <li key={i.key}>
                  {i.message}——理由：{reasons[i.key]}
                </li>
              ))}
            </ul>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
