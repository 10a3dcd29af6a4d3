import { useState } from 'react';
import { downloadExport } from '../dashboard/download.ts';
import { ConfirmDialog } from '../shell/ConfirmDialog.tsx';
import { type AssessmentYear, useAssessmentWrite } from './assessment-api.ts';
import { formatTime } from './labels.ts';

/** The export, and the lock once 镇党委 has decided — asked twice, because it cannot be undone. */
export function LockPanel({ year }: { year: AssessmentYear }) {
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const lock = useAssessmentWrite<{ note: string }>('POST', `/api/assessment/${year.year}/lock`);
  const locked = year.state === 'locked';
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
          <p>
            已于 {formatTime(year.lockedAt ?? '')} 锁定。定案依据：{year.lockNote}
          </p>
        ) : (
          <>
            <p className="muted">
              镇党委定案后锁定。锁定后所有得分、加减分、调整和导入都不能再修改，且无法解锁。
            </p>
            <label className="field">
              <span>镇党委定案依据（如会议纪要编号）</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button
              type="button"
              className="button danger"
              disabled={note.trim() === '' || lock.isPending}
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
          message="锁定后，各部门的得分、加分、扣分、满意度调整和 12345 数据都不能再修改，也不能解锁；问卷得分按此刻的数据固定。请确认镇党委已经定案。"
          confirmLabel="确认锁定"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            lock.mutate({ note });
          }}
        />
      ) : null}
    </div>
  );
}
