import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/query-keys.ts';
import type { CoverageAnswer } from '../api/types.ts';

// Coordinator-only and loaded with React.lazy: none of this is in a canvasser's first download.
// A minimal table for now; the full dashboard is a later issue.

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export default function CoveragePage() {
  const api = useApi();
  const coverage = useQuery({
    queryKey: queryKeys.coverage(),
    queryFn: () => api.json<CoverageAnswer>('GET', '/api/coverage'),
    refetchInterval: 60_000,
  });
  if (coverage.isPending) return <p className="loading">正在加载覆盖率…</p>;
  if (coverage.isError) return <p className="warning">无法加载覆盖率：{coverage.error.message}</p>;
  return (
    <main className="dashboard">
      <h1>各居民区覆盖率</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>居民区</th>
              <th>已测户数</th>
              <th>总户数</th>
              <th>覆盖率</th>
              <th>访谈</th>
            </tr>
          </thead>
          <tbody>
            {coverage.data.communities.map((row) => (
              <tr key={row.code} className={row.meetsTarget ? 'meets' : 'short'}>
                <td>{row.name}</td>
                <td>{row.surveyedHouseholds}</td>
                <td>{row.totalHouseholds}</td>
                <td>
                  {percent(row.coverage)}
                  {row.meetsTarget ? ' ✓' : ''}
                </td>
                <td>
                  {row.interviews.total} / {row.interviews.target}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
