import {
  COMBINATION_RULE_LABELS,
  describeYearSettings,
  type YearSettings,
} from '@jiuting/scorecard';
import { type Proposal, useAudit } from './assessment-api.ts';
import { ACTION_NAMES, formatTime, itemName } from './labels.ts';
import { describeProposal, PROPOSAL_STATES } from './ProposalsPanel.tsx';

/** Shows a stored value the way a person reads it: points plainly, anything else compactly. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '（无）';
  if (typeof value === 'object' && value !== null && 'points' in value) {
    const { points, basis } = value as { points: unknown; basis?: unknown };
    return typeof basis === 'string' ? `${String(points)} 分（${basis}）` : `${String(points)} 分`;
  }
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : `${value.length} 项`;
  if (typeof value === 'object') {
    const { honours, cases, rows, state, confirmed, rule, message, entry, kind, casePoints } =
      value as Record<string, unknown>;
    if (typeof confirmed === 'number') {
      const how = COMBINATION_RULE_LABELS[rule as keyof typeof COMBINATION_RULE_LABELS];
      return `确认 ${confirmed} 个居民区的得分${how ? `（${how}）` : ''}`;
    }
    if (typeof message === 'string') return message;
    if (entry && typeof kind === 'string') return describeProposal({ kind, entry } as Proposal);
    if (casePoints) return describeYearSettings(value as YearSettings).join('；');
    if (state === 'accepted' || state === 'refused') return PROPOSAL_STATES[state];
    if (Array.isArray(honours) && Array.isArray(cases)) {
      return `荣誉 ${honours.length} 项、案例 ${cases.length} 个`;
    }
    if (typeof rows === 'number') return `${rows} 个居民区`;
    if (state === 'locked') return '已锁定';
    if (state === 'open') return '开放';
  }
  return JSON.stringify(value);
}

export function AuditTrail({
  year,
  communityName,
}: {
  year: number;
  communityName: (code: string) => string;
}) {
  const audit = useAudit(year);
  if (audit.isPending) return <p className="loading">正在加载修改记录…</p>;
  if (audit.isError) return <p className="warning">无法加载修改记录：{audit.error.message}</p>;
  if (audit.data.entries.length === 0) return <p className="empty">还没有修改记录。</p>;
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <thead>
          <tr>
            <th>时间</th>
            <th>操作人</th>
            <th>操作</th>
            <th>居民区 / 项目</th>
            <th>原值 → 新值</th>
            <th>理由 / 依据</th>
          </tr>
        </thead>
        <tbody>
          {audit.data.entries.map((e) => (
            <tr key={e.id}>
              <td>{formatTime(e.at)}</td>
              <td>{e.actorName}</td>
              <td>{ACTION_NAMES[e.action] ?? e.action}</td>
              <td>
                {[e.communityCode ? communityName(e.communityCode) : '', itemName(e.itemId)]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
              <td>
                {show(e.oldValue)} → {show(e.newValue)}
              </td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
