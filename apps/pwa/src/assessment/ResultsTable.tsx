import type { CommunityResult } from './assessment-api.ts';
import { formatPoints, ITEM_COLUMNS } from './labels.ts';

/** The full table: one row per community, every item's points, bonus, deductions, total, grade. */
export function ResultsTable({ rows }: { rows: readonly CommunityResult[] }) {
  return (
    <div className="table-wrap">
      <table className="results-table">
        <thead>
          <tr>
            <th>居民区</th>
            <th>类型</th>
            {ITEM_COLUMNS.map((c) => (
              <th key={c.id} title={c.title} scope="col">
                <span className="item-short">{c.short}</span>
                <span className="item-title">{c.title}</span>
                <span className="muted">（{c.points}）</span>
              </th>
            ))}
            <th>加分</th>
            <th>扣分</th>
            <th>总分</th>
            <th>等次</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">{r.name}</th>
              <td>{r.type}</td>
              {ITEM_COLUMNS.map((c) => {
                const pending = r.pending.includes(c.id);
                const overridden =
                  c.id === 'mass.satisfaction.overall' && r.satisfaction.source === 'override';
                return (
                  <td
                    key={c.id}
                    className={pending ? 'pending' : overridden ? 'overridden' : undefined}
                    title={
                      pending ? '已录入，待牵头部门确认' : overridden ? '考核专班已调整' : undefined
                    }
                  >
                    {pending ? '待确认' : formatPoints(r.items[c.id])}
                    {c.id === 'mass.satisfaction.overall' && r.coverageBelowFloor ? (
                      <span
                        className="badge coverage-flag"
                        title={`问卷覆盖 ${r.coverage?.surveyed ?? 0}/${r.coverage?.total ?? 0} 户`}
                      >
                        覆盖率 {((r.coverage?.ratio ?? 0) * 100).toFixed(1)}%，低于30%
                      </span>
                    ) : null}
                  </td>
                );
              })}
              <td>{formatPoints(r.bonus.points)}</td>
              <td>{r.deductions.points > 0 ? `−${formatPoints(r.deductions.points)}` : '0'}</td>
              <td className="total">{formatPoints(r.total)}</td>
              <td className={`grade grade-${r.grade ?? 'pending'}`}>{r.grade ?? '待定'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted legend">
        “—”表示尚无确认得分（计 0
        分）；“*”表示已录入、待牵头部门确认；满意度得分底色表示经考核专班调整；“低于30%”表示问卷覆盖率未达方案要求的
        30%；得分不完整的居民区等次为“待定”。
      </p>
    </div>
  );
}
