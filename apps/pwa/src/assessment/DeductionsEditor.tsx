import type { AdjustedAnswer } from '@jiuting/api-contract';
import { DEDUCTION_CATEGORIES } from '@jiuting/scorecard';
import { useState } from 'react';
import { AuditReasonField, Outcome, RemoveButton, useEntries } from './adjustment-fields.tsx';
import { type CommunityResult, type DeductionCase, useAssessmentWrite } from './assessment-api.ts';
import { DEDUCTION_OPTIONS, formatPoints } from './labels.ts';

// A community's 扣分 cases, saved as one list; each category's cap and the total cap are the
// scorecard package's, checked again by the server.

export function DeductionsEditor({
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
  const save = useAssessmentWrite<unknown, AdjustedAnswer>(
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
