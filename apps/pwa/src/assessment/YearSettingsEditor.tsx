import type { SettingsBody } from '@jiuting/api-contract';
import {
  COVERAGE_CONSEQUENCE_LABELS,
  COVERAGE_CONSEQUENCES,
  type CoverageConsequence,
  DEFAULT_YEAR_SETTINGS,
  describeYearSettings,
  type YearSettings,
} from '@jiuting/scorecard';
import { useState } from 'react';
import { type AssessmentYear, useAssessmentWrite } from './assessment-api.ts';
import { ReasonedSave } from './ReasonedSave.tsx';

/** The year's settings in words, as the results page and the export state them. */
export function YearSettingsSummary({ year }: { year: AssessmentYear }) {
  return (
    <ul className="muted year-settings" aria-label="年度设置">
      {describeYearSettings(year.settings ?? DEFAULT_YEAR_SETTINGS).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * What the plan leaves to the team — case points, the interviews' share of the 30 points, what
 * coverage under 30% costs — set for the year with a reason before the lock. The server checks
 * the figures with the scorecard package and answers in Chinese.
 */
export function YearSettingsEditor({ year }: { year: AssessmentYear }) {
  const current = year.settings ?? DEFAULT_YEAR_SETTINGS;
  const [min, setMin] = useState(String(current.casePoints.min));
  const [max, setMax] = useState(String(current.casePoints.max));
  const [cap, setCap] = useState(String(current.casesCap));
  const [share, setShare] = useState(String(Math.round(current.interviewShare * 100)));
  const [consequence, setConsequence] = useState<CoverageConsequence>(current.coverageConsequence);
  const [reason, setReason] = useState('');
  const save = useAssessmentWrite<SettingsBody>('PUT', `/api/assessment/${year.year}/settings`);
  const settings: YearSettings = {
    casePoints: { min: Number(min), max: Number(max) },
    casesCap: Number(cap),
    interviewShare: Number(share) / 100,
    coverageConsequence: consequence,
  };
  return (
    <form
      className="panel year-settings-editor"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ settings, reason });
      }}
    >
      <h3>年度设置</h3>
      <label className="field">
        <span>每个自治共治优秀案例最低加分</span>
        <input inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} />
      </label>
      <label className="field">
        <span>每个自治共治优秀案例最高加分</span>
        <input inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} />
      </label>
      <label className="field">
        <span>优秀案例合计加分上限</span>
        <input inputMode="decimal" value={cap} onChange={(e) => setCap(e.target.value)} />
      </label>
      <label className="field">
        <span>特殊群体访谈在满意度得分中的占比（%）</span>
        <input inputMode="numeric" value={share} onChange={(e) => setShare(e.target.value)} />
      </label>
      <fieldset className="options">
        <legend>问卷覆盖率低于 30% 时</legend>
        {COVERAGE_CONSEQUENCES.map((c) => (
          <label key={c} className={`option${c === consequence ? ' checked' : ''}`}>
            <input
              type="radio"
              name="coverage-consequence"
              checked={c === consequence}
              onChange={() => setConsequence(c)}
            />
            {COVERAGE_CONSEQUENCE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <ReasonedSave
        reasonLabel="修改年度设置的理由"
        reason={reason}
        onReason={setReason}
        saveLabel="保存年度设置"
        pending={save.isPending}
        error={save.error}
      />
      {save.isSuccess && !save.error ? (
        <p role="status">已保存，考核结果已按新设置重新计算。</p>
      ) : null}
    </form>
  );
}
