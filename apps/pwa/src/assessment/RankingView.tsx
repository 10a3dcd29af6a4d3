import { DEFAULT_GRADE_RULE } from '@jiuting/scorecard';
import type { AssessmentYear, CommunityResult } from './assessment-api.ts';
import { describeGradeRule, GradeRuleEditor } from './GradeRuleEditor.tsx';
import { formatPoints } from './labels.ts';
import { YearSettingsEditor, YearSettingsSummary } from './YearSettingsEditor.tsx';

const TYPES = ['导入居', '村改居'] as const;

/** 三、绩效评价: ranked and graded separately within 导入居 and 村改居. */
export function RankingView({
  rows,
  year,
}: {
  rows: readonly CommunityResult[];
  year: AssessmentYear;
}) {
  const incomplete = rows.filter((r) => !r.complete).length;
  const locked = year.state === 'locked';
  return (
    <div className="ranking">
      {locked ? (
        <p className="muted">已定案：以下排名和等次为 {year.year} 年度最终结果。</p>
      ) : incomplete > 0 ? (
        <p className="warning">
          还有 {incomplete}{' '}
          个居民区的得分不完整，等次显示为“待定”；已完整的居民区之间的排名和等次为暂定，锁定后为最终结果。
        </p>
      ) : (
        <p className="muted">所有居民区的得分均已完整；锁定前排名和等次为暂定。</p>
      )}
      <p className="muted" data-testid="grade-rule">
        等次规则{year.gradeRule ? '' : '（默认）'}：
        {describeGradeRule(year.gradeRule ?? DEFAULT_GRADE_RULE)}
      </p>
      <YearSettingsSummary year={year} />
      <div className="ranking-types">
        {TYPES.map((type) => {
          const ofType = rows.filter((r) => r.type === type);
          return (
            <section key={type} aria-label={`${type}排名`}>
              <h3>
                {type}（{ofType.length} 个）
              </h3>
              <table>
                <thead>
                  <tr>
                    <th>名次</th>
                    <th>居民区</th>
                    <th>总分</th>
                    <th>等次</th>
                  </tr>
                </thead>
                <tbody>
                  {ofType.map((r) => (
                    <tr key={r.code}>
                      <td>{r.rank ?? '—'}</td>
                      <th scope="row">{r.name}</th>
                      <td>{formatPoints(r.total)}</td>
                      <td className={`grade grade-${r.grade ?? 'pending'}`}>{r.grade ?? '待定'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
      </div>
      {year.state === 'open' ? (
        <>
          <GradeRuleEditor year={year} />
          <YearSettingsEditor year={year} />
        </>
      ) : null}
    </div>
  );
}
