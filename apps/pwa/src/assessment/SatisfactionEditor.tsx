import type { SatisfactionAnswer } from '@jiuting/api-contract';
import { useState } from 'react';
import { Outcome } from './adjustment-fields.tsx';
import { type CommunityResult, useAssessmentWrite } from './assessment-api.ts';
import { formatPoints } from './labels.ts';

// The coordinator's override of a community's computed 满意度 points, with its required reason;
// clearing it restores the questionnaires' figure.

export function SatisfactionEditor({
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
  const save = useAssessmentWrite<unknown, SatisfactionAnswer>(
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
