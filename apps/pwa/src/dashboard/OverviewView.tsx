import { useState } from 'react';
import { CoverageBar } from './CoverageBar.tsx';
import { useCoverage } from './dashboard-api.ts';
import type { CoverageAnswer, TownFigures } from './dashboard-types.ts';
import {
  beijingTime,
  groupsText,
  type OverviewSort,
  percent,
  points,
  SORT_LABELS,
  sampleText,
  score,
  TARGET_PERCENT,
  type TypeFilter,
  visibleCommunities,
  visitsText,
} from './overview.ts';

function TownTotals({ town }: { town: TownFigures }) {
  return (
    <section className="town-totals" aria-label="全镇合计">
      <div className="stat">
        <span className="stat-label">全镇覆盖率</span>
        <strong data-testid="town-coverage">{percent(town.coverage)}</strong>
        <span className="stat-note">
          {town.surveyedHouseholds} / {town.totalHouseholds} 户
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">覆盖率达{TARGET_PERCENT}%</span>
        <strong data-testid="town-meeting">
          {town.communitiesMeetingTarget} / {town.communities}
        </strong>
        <span className="stat-note">个居民区</span>
      </div>
      <div className="stat">
        <span className="stat-label">访谈</span>
        <strong data-testid="town-interviews">{town.interviews}</strong>
        <span className="stat-note">{town.communitiesMeetingInterviewTarget} 个居民区满 20 人</span>
      </div>
      <div className="stat">
        <span className="stat-label">问卷平均分</span>
        <strong data-testid="town-score">{score(town.meanSurveyScore)}</strong>
        <span className="stat-note">
          问卷 {town.responses} 份，重复户 {town.repeats} 份
        </span>
      </div>
      {town.visits ? (
        <div className="stat">
          <span className="stat-label">走访未答</span>
          <strong data-testid="town-visits">
            {town.visits.notHome + town.visits.refused + town.visits.vacant}
          </strong>
          <span className="stat-note">
            {visitsText(town.visits)}；回访 {town.visits.revisit} 户
          </span>
        </div>
      ) : null}
      <div className="stat">
        <span className="stat-label">最近采集</span>
        <strong className="stat-time">{beijingTime(town.lastActivityAt)}</strong>
      </div>
    </section>
  );
}

export function CommunityTable({
  data,
  type,
  sort,
}: {
  data: CoverageAnswer;
  type: TypeFilter;
  sort: OverviewSort;
}) {
  const rows = visibleCommunities(data.communities, type, sort);
  if (rows.length === 0) return <p className="empty">没有符合条件的居民区。</p>;
  return (
    <div className="table-wrap">
      <table className="overview-table">
        <thead>
          <tr>
            <th>居民区</th>
            <th>覆盖率（目标{TARGET_PERCENT}%）</th>
            <th>已测 / 总户数</th>
            <th>户册</th>
            <th>尚差户数</th>
            <th>访谈 / 20</th>
            <th>访谈对象</th>
            <th>问卷平均分</th>
            <th>得分 / 30</th>
            <th>重复户</th>
            <th>走访未答</th>
            <th>回访</th>
            <th>抽样</th>
            <th>最近采集</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.code}
              data-testid={`community-${row.code}`}
              className={row.meetsTarget ? 'meets' : 'short'}
            >
              <th scope="row">
                {row.name}
                <span className="community-type">{row.type}</span>
              </th>
              <td>
                <div className="coverage-cell">
                  <CoverageBar ratio={row.coverage} meetsTarget={row.meetsTarget} />
                  <span data-testid="coverage">{percent(row.coverage)}</span>
                </div>
              </td>
              <td data-testid="households">
                {row.surveyedHouseholds} / {row.totalHouseholds}
              </td>
              <td data-testid="register" className={row.register === null ? 'no-register' : ''}>
                {row.register === null
                  ? '未建户册'
                  : row.register.outside > 0
                    ? `册外 ${row.register.outside}`
                    : '已建'}
              </td>
              <td data-testid="shortfall" className={row.shortfall > 0 ? 'behind' : 'done'}>
                {row.shortfall > 0 ? row.shortfall : '已达标'}
              </td>
              <td
                data-testid="interviews"
                className={row.interviews.meetsTarget ? 'done' : 'behind'}
              >
                {row.interviews.total} / {row.interviews.target}
              </td>
              <td className="groups">{groupsText(row.interviews.byGroup)}</td>
              <td data-testid="mean-score">{score(row.meanSurveyScore)}</td>
              <td data-testid="points">{points(row.satisfactionPoints)}</td>
              <td data-testid="repeats">{row.repeats}</td>
              <td data-testid="visits" className="groups">
                {row.visits ? visitsText(row.visits) : '—'}
              </td>
              <td data-testid="revisit">{row.visits ? row.visits.revisit : '—'}</td>
              <td data-testid="sample" className="groups">
                {row.sample ? sampleText(row.sample) : '未抽样'}
              </td>
              <td className="time">{beijingTime(row.lastActivityAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewView() {
  const coverage = useCoverage();
  const [type, setType] = useState<TypeFilter>('all');
  const [sort, setSort] = useState<OverviewSort>('shortfall');
  if (coverage.isPending) return <p className="loading">正在加载各居民区进度…</p>;
  if (coverage.isError) {
    return (
      <p className="warning" role="alert">
        无法加载进度：{coverage.error.message}
      </p>
    );
  }
  return (
    <>
      <TownTotals town={coverage.data.town} />
      <div className="toolbar">
        <label>
          <span>类型</span>
          <select value={type} onChange={(e) => setType(e.target.value as TypeFilter)}>
            <option value="all">全部</option>
            <option value="导入居">导入居</option>
            <option value="村改居">村改居</option>
          </select>
        </label>
        <label>
          <span>排序</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as OverviewSort)}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted refresh-note">
          每分钟自动刷新{coverage.isFetching ? '（正在刷新…）' : ''}
        </span>
      </div>
      <CommunityTable data={coverage.data} type={type} sort={sort} />
    </>
  );
}
