import { useCoverage } from './dashboard-api.ts';

const ROLE_LABELS: Record<string, string> = {
  canvasser: '采集员',
  interviewer: '访谈员',
  coordinator: '考核专班',
  admin: '管理员',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** How many households and interviews each collector has done, in total and day by day. */
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
  return (
    <div className="collectors">
      <p className="muted">
        “户数”只算各户第一份有效问卷；扫码填写的问卷不计入任何采集员。日期为北京时间的采集日期。
      </p>
      {collectors.map((c) => (
        <details key={c.userId} className="collector" data-testid={`collector-${c.username}`}>
          <summary>
            <span className="collector-name">
              {c.displayName}
              <span className="muted">
                （{c.username}，{roleLabel(c.role)}）
              </span>
            </span>
            <span className="collector-totals">
              户数 <strong>{c.households}</strong>
              　问卷 <strong>{c.responses}</strong>
              　访谈 <strong>{c.interviews}</strong>
            </span>
          </summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>日期</th>
                  <th>户数</th>
                  <th>问卷</th>
                  <th>访谈</th>
                </tr>
              </thead>
              <tbody>
                {[...c.byDay].reverse().map((d) => (
                  <tr key={d.date}>
                    <td>{d.date}</td>
                    <td>{d.households}</td>
                    <td>{d.responses}</td>
                    <td>{d.interviews}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
