import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import {
  assessmentKeys,
  type RetentionResult,
  type RetentionYear,
  useRetentionPlan,
} from './assessment-api.ts';

/** `2028年1月10日`, the day in Shanghai. */
function shanghaiDate(iso: string): string {
  return new Date(iso).toLocaleDateString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

function stateText(y: RetentionYear): string {
  if (y.rawDeletedAt) return `原始答卷已于 ${shanghaiDate(y.rawDeletedAt)} 删除`;
  if (y.state === 'open') return '未锁定，不会删除';
  if (y.due) return `已到期（${y.dueAt ? shanghaiDate(y.dueAt) : ''}），可以删除`;
  return `已锁定，保存至 ${y.dueAt ? shanghaiDate(y.dueAt) : '—'}`;
}

/** The due years as the server asks them to be confirmed: 2025, or 2025、2026. */
export function dueYearsText(years: readonly RetentionYear[]): string {
  return years
    .filter((y) => y.due)
    .map((y) => String(y.year))
    .join('、');
}

/**
 * The retention rule (PIPL): a locked year's raw answers, free texts and interview notes are
 * deleted RETENTION_YEARS after the lock. This shows the dry run — what a deletion now would
 * remove, year by year, and which backups go with it — and deletes only after the coordinator
 * types the due years, as the server requires.
 */
export function RetentionPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const plan = useRetentionPlan();
  const [typed, setTyped] = useState('');
  const apply = useMutation({
    mutationFn: (confirm: string) =>
      api.json<RetentionResult>('POST', '/api/retention/apply', { confirm }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all() }),
  });
  if (plan.isPending) return <p className="loading">正在核对保存期限…</p>;
  if (plan.isError) return <p className="warning">无法核对保存期限：{plan.error.message}</p>;
  const { retentionYears, years, backups } = plan.data;
  const due = dueYearsText(years);
  const dueYears = years.filter((y) => y.due);
  return (
    <section className="panel retention" aria-label="保存期限">
      <h3>原始答卷保存期限</h3>
      <p>
        按个人信息保护要求，年度考核锁定 {retentionYears}{' '}
        年后，删除该年度的原始答卷（问卷答案、填写的地址和意见建议）和访谈中的文字记录；各居民区的统计数字、考核结果和修改记录保留。
      </p>
      {/* A list, not a table: four columns do not fit a phone's 360 px. */}
      <h4>各年度（试算，未删除任何内容）</h4>
      <ul className="retention-years" aria-label="各年度保存情况">
        {years.map((y) => (
          <li key={y.year} className={y.due ? 'due' : undefined}>
            <strong>{y.year} 年</strong>
            <span>{stateText(y)}</span>
            {y.rawDeletedAt ? null : (
              <span className="muted">
                问卷 {y.responses} 份 · 含文字的访谈 {y.interviewsWithText} 份
              </span>
            )}
          </li>
        ))}
      </ul>
      {apply.isSuccess ? (
        <p role="status">
          已删除{' '}
          {apply.data.deleted
            .map((d) => `${d.year} 年度的 ${d.responses} 份问卷、${d.interviews} 份访谈文字`)
            .join('；')}
          ；已另存一份不含这些内容的备份，并删除了 {apply.data.backups.length} 份旧备份。
        </p>
      ) : null}
      {dueYears.length === 0 ? (
        <p className="muted">现在没有到期的年度，无需删除。</p>
      ) : (
        <form
          className="retention-confirm"
          onSubmit={(event) => {
            event.preventDefault();
            apply.mutate(typed.trim());
          }}
        >
          <p className="warning">
            将删除 {due} 年度的 {dueYears.reduce((n, y) => n + y.responses, 0)} 份问卷原始答卷和{' '}
            {dueYears.reduce((n, y) => n + y.interviewsWithText, 0)} 份访谈文字记录，
            {backups.length > 0 ? `并删除 ${backups.length} 份仍含这些内容的旧备份，` : ''}
            删除后无法恢复。
          </p>
          {backups.length > 0 ? (
            <details>
              <summary>将删除的备份文件</summary>
              <ul>
                {backups.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <label className="field">
            <span>请输入要删除的年度“{due}”以确认</span>
            <input
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="button danger"
            disabled={typed.trim() !== due || apply.isPending}
          >
            删除到期的原始答卷
          </button>
          {apply.error ? (
            <p className="field-error" role="alert">
              未删除：
              {apply.error instanceof ApiError
                ? [apply.error.message, ...(apply.error.issues ?? []).map((i) => i.message)].join(
                    '；',
                  )
                : apply.error.message}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
