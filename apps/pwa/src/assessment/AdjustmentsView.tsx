import {
  BONUS_RULE_TEXT,
  DEDUCTION_CATEGORIES,
  DEFAULT_YEAR_SETTINGS,
  type YearSettings,
} from '@jiuting/scorecard';
import { useState } from 'react';
import {
  type CommunityResult,
  type DeductionCase,
  type Honour,
  type SelfGovernanceCase,
  useAssessmentWrite,
} from './assessment-api.ts';
import { DEDUCTION_OPTIONS, formatPoints, HONOUR_LEVELS } from './labels.ts';
import { ProposalsPanel } from './ProposalsPanel.tsx';

// A coordinator's entries for one community: honours and self-governance cases (加分), deduction
// cases (扣分) and the satisfaction override. Each list is saved whole; the server checks it
// with the scorecard package and answers with the package's Chinese refusal.

/** One list of entries being edited; the whole list is what gets saved. */
function useEntries<T>(initial: T[]) {
  const [entries, setEntries] = useState<T[]>(initial);
  return {
    entries,
    patch: (i: number, patch: Partial<T>) =>
      setEntries((all) => all.map((e, k) => (k === i ? { ...e, ...patch } : e))),
    remove: (i: number) => setEntries((all) => all.filter((_, k) => k !== i)),
    add: (entry: T) => setEntries((all) => [...all, entry]),
  };
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="link" onClick={onClick}>
      删除
    </button>
  );
}

function AuditReasonField({
  value,
  disabled,
  onChange,
}: {
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>修改理由（记入审计）</span>
      <input value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function Outcome({ error, ok }: { error: Error | null; ok: string | null }) {
  if (error) {
    return (
      <p className="field-error" role="alert">
        未保存：{error.message}
      </p>
    );
  }
  return ok ? (
    <p className="notice" role="status">
      {ok}
    </p>
  ) : null;
}

export function AdjustmentsView({
  year,
  rows,
  locked,
  settings = DEFAULT_YEAR_SETTINGS,
}: {
  year: number;
  rows: readonly CommunityResult[];
  locked: boolean;
  /** The year's case points and cap, which the case choices follow. */
  settings?: YearSettings;
}) {
  const [code, setCode] = useState(rows[0]?.code ?? '');
  const row = rows.find((r) => r.code === code);
  return (
    <div className="adjustments">
      <label className="field">
        <span>居民区</span>
        <select value={code} onChange={(e) => setCode(e.target.value)}>
          {rows.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}（{r.type}）
            </option>
          ))}
        </select>
      </label>
      {row ? (
        <div key={row.code} className="adjustment-panels">
          <ProposalsPanel year={year} communityCode={row.code} locked={locked} />
          {/* Keyed by the stored lists: an accepted proposal changes them, and a form still
              holding the old list must not save it back over the accepted entry. */}
          <BonusPanel
            key={JSON.stringify(row.bonusInput)}
            year={year}
            row={row}
            locked={locked}
            settings={settings}
          />
          <DeductionsPanel
            key={JSON.stringify(row.deductionsInput)}
            year={year}
            row={row}
            locked={locked}
          />
          <SatisfactionPanel year={year} row={row} locked={locked} />
        </div>
      ) : null}
    </div>
  );
}

function BonusPanel({
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
  const save = useAssessmentWrite<unknown, { points: number; capped: boolean }>(
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

function DeductionsPanel({
  year,
  row,
  locked,
}: {
  year: number;
  row: CommunityResult;
  locked: boolean;
}) {
  const cases = useEntries<DeductionCase>(row.deductionsInput);
  const [reason, setReason] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const save = useAssessmentWrite<unknown, { points: number; capped: boolean }>(
    'PUT',
    `/api/assessment/${year}/communities/${row.code}/deductions`,
  );
  return (
    <section className="panel">
      <h3>扣分（当前 {formatPoints(row.deductions.points)} 分）</h3>
      <p className="muted rule">
        {DEDUCTION_CATEGORIES.map((c) => `${c.name}上限 ${c.cap} 分`).join('；')}；合计上限 5 分。
      </p>
      <fieldset disabled={locked}>
        {cases.entries.map((c, i) => {
          const rule = DEDUCTION_OPTIONS.find((o) => o.id === c.kind);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
            <div key={i} className="entry-row">
              <select
                aria-label="扣分类别"
                value={c.kind}
                onChange={(e) =>
                  cases.patch(i, {
                    kind: e.target.value as DeductionCase['kind'],
                    points: undefined,
                  })
                }
              >
                {DEDUCTION_OPTIONS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
              {rule && rule.min !== rule.max ? (
                <label className="inline">
                  扣分（{rule.min}–{rule.max}）
                  <input
                    type="number"
                    inputMode="decimal"
                    min={rule.min}
                    max={rule.max}
                    step={rule.step}
                    value={c.points ?? ''}
                    onChange={(e) =>
                      cases.patch(i, {
                        points: e.target.value === '' ? undefined : Number(e.target.value),
                      })
                    }
                  />
                </label>
              ) : (
                <span className="muted">扣 {rule?.min} 分</span>
              )}
              <input
                aria-label="情况说明"
                placeholder="情况说明（不写姓名）"
                value={c.note ?? ''}
                onChange={(e) => cases.patch(i, { note: e.target.value })}
              />
              <RemoveButton onClick={() => cases.remove(i)} />
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() => cases.add({ kind: 'secrecy.archives' })}
        >
          添加扣分事项
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
              deductions: cases.entries.map((c) => ({
                kind: c.kind,
                ...(c.points !== undefined ? { points: c.points } : {}),
                ...(c.note ? { note: c.note } : {}),
              })),
              ...(reason.trim() ? { reason } : {}),
            },
            { onSuccess: (a) => setOk(`已保存，扣分 ${formatPoints(a.points)} 分`) },
          )
        }
      >
        保存扣分
      </button>
      <Outcome error={save.error} ok={ok} />
    </section>
  );
}

function SatisfactionPanel({
  year,
  row,
  locked,
}: {
  year: number;
  row: CommunityResult;
  locked: boolean;
}) {
  const [points, setPoints] = useState(
    row.satisfaction.override ? String(row.satisfaction.override.points) : '',
  );
  const [reason, setReason] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const save = useAssessmentWrite<unknown, { points: number | null }>(
    'PUT',
    `/api/assessment/${year}/communities/${row.code}/satisfaction`,
  );
  const send = (value: number | null) =>
    save.mutate(
      { points: value, reason },
      { onSuccess: (a) => setOk(`已保存，满意度测评得分 ${formatPoints(a.points)} 分`) },
    );
  const { satisfaction } = row;
  return (
    <section className="panel">
      <h3>群众满意度测评（30 分）</h3>
      <p>
        问卷计算得分：{formatPoints(satisfaction.computed)}
        {satisfaction.override ? (
          <>
            ；已调整为 <strong>{formatPoints(satisfaction.override.points)}</strong>（
            {satisfaction.override.reason}，{satisfaction.override.by}）
          </>
        ) : null}
      </p>
      <fieldset disabled={locked} className="entry-row">
        <label className="inline">
          调整为
          <input
            type="number"
            inputMode="decimal"
            min={0}
            max={30}
            step={0.01}
            value={points}
            onChange={(e) => setPoints(e.target.value)}
          />
        </label>
        <input
          aria-label="调整理由"
          placeholder="调整理由（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button
          type="button"
          className="button primary"
          disabled={points === '' || save.isPending}
          onClick={() => send(Number(points))}
        >
          保存调整
        </button>
        {satisfaction.override ? (
          <button type="button" className="button" onClick={() => send(null)}>
            恢复问卷得分
          </button>
        ) : null}
      </fieldset>
      <Outcome error={save.error} ok={ok} />
    </section>
  );
}
