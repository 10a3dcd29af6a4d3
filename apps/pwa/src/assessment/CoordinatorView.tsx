import { useState } from 'react';
import { AdjustmentsView } from './AdjustmentsView.tsx';
import { AuditTrail } from './AuditTrail.tsx';
import { type AssessmentYear, useResults } from './assessment-api.ts';
import { CollectionEditor } from './CollectionEditor.tsx';
import { HotlineImport } from './HotlineImport.tsx';
import { LockPanel } from './LockPanel.tsx';
import { RankingView } from './RankingView.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { RetentionPanel } from './RetentionPanel.tsx';

export const COORDINATOR_TABS = {
  table: '总表',
  ranking: '排名与等次',
  adjustments: '加分、扣分与满意度',
  hotline: '12345 工单导入',
  audit: '修改记录',
  lock: '导出与锁定',
  collection: '问卷版本与采集时间',
  retention: '保存期限',
} as const;
type Tab = keyof typeof COORDINATOR_TABS;

export function CoordinatorView({ year }: { year: AssessmentYear }) {
  const [tab, setTab] = useState<Tab>('table');
  const results = useResults(year.year);
  const locked = year.state === 'locked';
  const names = new Map(results.data?.communities.map((c) => [c.code, c.name]) ?? []);
  const communityName = (code: string) => names.get(code) ?? code;
  return (
    <section className="coordinator">
      <div className="item-tabs" role="tablist" aria-label="综合考核">
        {(Object.keys(COORDINATOR_TABS) as Tab[]).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={t === tab}
            className={t === tab ? 'tab selected' : 'tab'}
            onClick={() => setTab(t)}
          >
            {COORDINATOR_TABS[t]}
          </button>
        ))}
      </div>
      {locked ? (
        <p className="locked-banner">
          本年度考核已经镇党委定案并锁定（{year.lockNote}），所有数据只读。
        </p>
      ) : null}
      {tab === 'collection' ? (
        <CollectionEditor year={year} />
      ) : tab === 'retention' ? (
        <RetentionPanel />
      ) : tab === 'audit' ? (
        <AuditTrail year={year.year} communityName={communityName} />
      ) : tab === 'hotline' ? (
        <HotlineImport year={year.year} locked={locked} communityName={communityName} />
      ) : tab === 'lock' ? (
        <LockPanel year={year} />
      ) : results.isPending ? (
        <p className="loading">正在计算考核结果…</p>
      ) : results.isError ? (
        <p className="warning">无法加载考核结果：{results.error.message}</p>
      ) : tab === 'table' ? (
        <ResultsTable rows={results.data.communities} />
      ) : tab === 'ranking' ? (
        <RankingView rows={results.data.communities} year={year} />
      ) : (
        <AdjustmentsView
          year={year.year}
          rows={results.data.communities}
          locked={locked}
          {...(year.settings ? { settings: year.settings } : {})}
        />
      )}
    </section>
  );
}
