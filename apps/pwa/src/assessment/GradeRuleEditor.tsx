import type { GradeRuleBody } from '@jiuting/api-contract';
import { DEFAULT_GRADE_RULE, type GradeRule } from '@jiuting/scorecard';
import { useState } from 'react';
import { type AssessmentYear, useAssessmentWrite } from './assessment-api.ts';
import { ReasonedSave } from './ReasonedSave.tsx';

/** The rule in words, as the ranking page states it above the grades. */
export function describeGradeRule(rule: GradeRule): string {
  if (rule.kind === 'shares') {
    return `每类居民区中排名前 ${rule.excellentPercent}% 为优秀、其后 ${rule.goodPercent}% 为良好、其余为一般（人数向下取整）；总分相同的并列，取较好的等次。`;
  }
  const lines = (from: { excellentFrom: number; goodFrom: number }) =>
    `总分 ${from.excellentFrom} 分及以上为优秀，${from.goodFrom} 分及以上为良好，其余为一般`;
  const byType = Object.entries(rule.byType ?? {}).map(
    ([type, from]) => `；${type}：${lines(from)}`,
  );
  return `${lines(rule)}${byType.join('')}。`;
}

/**
 * The plan names 优秀 / 良好 / 一般 without saying how they are given: the team sets the rule
 * for the year, with a reason, before the lock. The server checks it with the scorecard package.
 */
export function GradeRuleEditor({ year }: { year: AssessmentYear }) {
  const current = year.gradeRule ?? DEFAULT_GRADE_RULE;
  const [kind, setKind] = useState<GradeRule['kind']>(current.kind);
  const [first, setFirst] = useState(
    String(current.kind === 'shares' ? current.excellentPercent : current.excellentFrom),
  );
  const [second, setSecond] = useState(
    String(current.kind === 'shares' ? current.goodPercent : current.goodFrom),
  );
  const [reason, setReason] = useState('');
  const save = useAssessmentWrite<GradeRuleBody>('PUT', `/api/assessment/${year.year}/grade-rule`);
  const shares = kind === 'shares';
  const rule: GradeRule = shares
    ? { kind, excellentPercent: Number(first), goodPercent: Number(second) }
    : { kind, excellentFrom: Number(first), goodFrom: Number(second) };

  return (
    <form
      className="panel grade-rule"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ rule, reason });
      }}
    >
      <h3>等次规则</h3>
      <fieldset className="options row">
        <legend>评定方式</legend>
        <label className={`option${shares ? ' checked' : ''}`}>
          <input type="radio" checked={shares} onChange={() => setKind('shares')} />
          按比例
        </label>
        <label className={`option${shares ? '' : ' checked'}`}>
          <input type="radio" checked={!shares} onChange={() => setKind('thresholds')} />
          按分数线
        </label>
      </fieldset>
      <label className="field">
        <span>{shares ? '优秀比例（%）' : '优秀分数线'}</span>
        <input inputMode="decimal" value={first} onChange={(e) => setFirst(e.target.value)} />
      </label>
      <label className="field">
        <span>{shares ? '良好比例（%，优秀之后）' : '良好分数线'}</span>
        <input inputMode="decimal" value={second} onChange={(e) => setSecond(e.target.value)} />
      </label>
      <ReasonedSave
        reasonLabel="修改理由"
        reason={reason}
        onReason={setReason}
        saveLabel="保存等次规则"
        pending={save.isPending}
        error={save.error}
      />
      {save.isSuccess && !save.error ? (
        <p role="status">已保存，排名和等次已按新规则重新评定。</p>
      ) : null}
    </form>
  );
}
