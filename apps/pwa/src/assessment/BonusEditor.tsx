import type { AdjustedAnswer } from '@jiuting/api-contract';
import { BONUS_RULE_TEXT, type YearSettings } from '@jiuting/scorecard';
import { useState } from 'react';
import { AuditReasonField, Outcome, RemoveButton, useEntries } from './adjustment-fields.tsx';
import {
  type CommunityResult,
  type Honour,
  type SelfGovernanceCase,
  useAssessmentWrite,
} from './assessment-api.ts';
import { formatPoints, HONOUR_LEVELS } from './labels.ts';

// A community's 加分: honours and self-governance cases, saved as one list; the server checks it
// with the scorecard package and answers with the package's Chinese refusal.

export function BonusEditor({
  year,
  row,
  locked,
  settings,
}: {
  year: number;
  row: CommunityResult;
  locked: boolean;
  settings: YearSettings;
}) {
  const { min, max } = settings.casePoints;
  const caseChoices = Array.from(
    { length: Math.round((max - min) / 0.5) + 1 },
    (_, i) => min + i * 0.5,
  );
  const honours = useEntries<Honour>(row.bonusInput.honours);
  const cases = useEntries<SelfGovernanceCase>(row.bonusInput.cases);
  const [reason, setReason] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const save = useAssessmentWrite<unknown, AdjustedAnswer>(
    'PUT',
    `/api/assessment/${year}/communities/${row.code}/bonus`,
  );
  return (
    <section className="panel">
      <h3>
        加分（当前 {formatPoints(row.bonus.points)} 分{row.bonus.capped ? '，已达上限 5 分' : ''}）
      </h3>
      <p className="muted rule">{BONUS_RULE_TEXT}</p>
      <fieldset disabled={locked}>
        <legend>荣誉</legend>
        {honours.entries.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
          <div key={i} className="entry-row">
            <input
              aria-label="获得荣誉的工作"
              placeholder="获得荣誉的工作"
              value={h.work}
              onChange={(e) => honours.patch(i, { work: e.target.value })}
            />
            <select
              aria-label="荣誉等级"
              value={h.level}
              onChange={(e) => honours.patch(i, { level: e.target.value as Honour['level'] })}
            >
              {HONOUR_LEVELS.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <label className="inline">
              获奖主体数
              <input
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={h.bodies}
                onChange={(e) => honours.patch(i, { bodies: Number(e.target.value) })}
              />
            </label>
            <RemoveButton onClick={() => honours.remove(i)} />
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => honours.add({ work: '', level: 'district', bodies: 1 })}
        >
          添加荣誉
        </button>
      </fieldset>
      <fieldset disabled={locked}>
        <legend>
          自治共治优秀案例（每个 {formatPoints(min)}–{formatPoints(max)} 分，合计不超过{' '}
          {formatPoints(settings.casesCap)} 分）
        </legend>
        {cases.entries.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
          <div key={i} className="entry-row">
            <input
              aria-label="案例名称"
              placeholder="案例名称"
              value={c.title}
              onChange={(e) => cases.patch(i, { title: e.target.value })}
            />
            <select
              aria-label="案例加分"
              value={c.points}
              onChange={(e) => cases.patch(i, { points: Number(e.target.value) })}
            >
              {caseChoices.map((points) => (
                <option key={points} value={points}>
                  {formatPoints(points)} 分
                </option>
              ))}
            </select>
            <RemoveButton onClick={() => cases.remove(i)} />
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => cases.add({ title: '', points: min })}
        >
          添加案例
        </button>
      </fieldset>
      <AuditReasonField value={reason} disabled={locked} onChange={setReason} />
      <button
        type="button"
        className="button primary"
        disabled={locked || save.isPending}
        onClick={() =>
          save.mutate(
            {
              honours: honours.entries,
              cases: cases.entries,
              ...(reason.trim() ? { reason } : {}),
            },
            {
              onSuccess: (a) =>
                setOk(
                  `已保存，加分 ${formatPoints(a.points)} 分${a.capped ? '（已按上限 5 分计）' : ''}`,
                ),
            },
          )
        }
      >
        保存加分
      </button>
      <Outcome error={save.error} ok={ok} />
    </section>
  );
}
