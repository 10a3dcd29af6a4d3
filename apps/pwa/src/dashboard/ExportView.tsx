import { useState } from 'react';
import { type DownloadResult, downloadExport } from '../ui/download.ts';
import { useDashboardYear } from './dashboard-year.tsx';

const SHEETS = [
  { name: '汇总', alias: 'summary', note: '每个居民区一行：覆盖率、访谈、平均分、得分' },
  { name: '问卷明细', alias: 'responses', note: '每份计入的问卷及每题得分' },
  { name: '访谈记录', alias: 'interviews', note: '每次有效的访谈' },
  { name: '问题与建议', alias: 'suggestions', note: '第10、11题各选项的户数' },
] as const;

/** One click for the office's workbook; a CSV of any sheet on request. Every export is audited. */
export function ExportView() {
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<DownloadResult | null>(null);
  // The files hold the year the dashboard shows (the open one by default).
  const year = useDashboardYear();
  const run = async (key: string, path: string, fallback: string) => {
    setBusy(key);
    setResult(null);
    setResult(await downloadExport(year === undefined ? path : `${path}?year=${year}`, fallback));
    setBusy(null);
  };
  return (
    <section className="export">
      <button
        type="button"
        className="primary big"
        disabled={busy !== null}
        onClick={() => void run('xlsx', '/api/exports/assessment.xlsx', 'jiuting-export.xlsx')}
      >
        {busy === 'xlsx' ? '正在生成…' : '下载 Excel（四张表）'}
      </button>
      <p className="muted">
        只含计入的问卷（每户第一份有效问卷）和有效访谈；“汇总”与本页总览的数字一致。导出会记录操作人和时间。
      </p>
      <h2>单张表（CSV）</h2>
      <ul className="csv-list">
        {SHEETS.map((sheet) => (
          <li key={sheet.alias}>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() =>
                void run(sheet.alias, `/api/exports/${sheet.alias}.csv`, `${sheet.alias}.csv`)
              }
            >
              {busy === sheet.alias ? '正在生成…' : `${sheet.name}.csv`}
            </button>
            <span className="muted">{sheet.note}</span>
          </li>
        ))}
      </ul>
      {result ? (
        result.ok ? (
          <p className="ok-note" role="status">
            已下载：{result.fileName}
          </p>
        ) : (
          <p className="warning" role="alert">
            {result.message}
          </p>
        )
      ) : null}
    </section>
  );
}
