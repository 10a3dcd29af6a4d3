import { useCoverage } from './dashboard-api.ts';
import type { CollectorFigures } from './dashboard-types.ts';
import { visitsText } from './overview.ts';

const ROLE_LABELS: Record<string, string> = {
  canvasser: '采集员',
  interviewer: '访谈员',
  coordinator: '考核专班',
  admin: '管理员',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** Every day anyone collected on, latest first. */
export function collectionDays(collectors: readonly CollectorFigures[]): string[] {
  return [...new Set(collectors.flatMap((c) => c.byDay.map((d) => d.date)))].sort().reverse();
}

const shortDate = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/**
 * How many households and interviews each collector has done, in total and day by day: one row
 * per person, one column per day (latest first), so the office sees at a glance who is behind.
 */
export function CollectorsView() {
  const coverage = useCoverage();
  if (coverage.isPending) return <p className="loading">正在加载…</p>;
  if (coverage.isError) {
    return (
      <p className="warning" role="alert">
        无法加载：{coverage.error.message}
      </p>
    );
  }
  const collectors = coverage.data.collectors;
  if (collectors.length === 0) return <p className="empty">还没有采集员上传记录。</p>;
  const days = collectionDays(collectors);
  return (
    <>
      <p className="muted">
        每格为当天完成的户数（只算各户第一份有效问卷）和访谈人数；扫码填写的问卷不计入任何采集员。“走访未答”为登记的不在家、拒访、空置次数（不计入覆盖率）。日期为北京时间。
      </p>
      <div className="table-wrap">
        <table className="collectors-table">
          <thead>
            <tr>
              <th>人员</th>
              <th>合计户数</th>
              <th>合计访谈</th>
              <th>走访未答</th>
              {days.map((d) => (
                <th key={d} className="day">
                  {shortDate(d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {collectors.map((c) => {
              const byDate = new Map(c.byDay.map((d) => [d.date, d]));
              return (
                <tr key={c.userId} data-testid={`collector-${c.username}`}>
                  <th scope="row">
                    {c.displayName}
                    <span className="community-type">
                      {c.username} · {roleLabel(c.role)}
                    </span>
                  </th>
                  <td data-testid="households">{c.households}</td>
                  <td data-testid="interviews">{c.interviews}</td>
                  <td data-testid="visits" className="groups">
                    {c.visits ? visitsText(c.visits) : '—'}
                  </td>
                  {days.map((date) => {
                    const d = byDate.get(date);
                    return (
                      <td key={date} className="day" data-testid={`day-${date}`}>
                        {d && d.households > 0 ? <span>{d.households}户</span> : null}
                        {d && d.interviews > 0 ? <span>{d.interviews}访</span> : null}
                        {!d || (d.households === 0 && d.interviews === 0) ? (
                          <span className="muted">·</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
