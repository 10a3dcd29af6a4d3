import type { SampleDraw as DrawAnswer, RegisterAnswer } from '@jiuting/api-contract';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

// A coordinator draws the community's fair sample from its register (method: the questionnaire
// package's README). The seed is shown so the draw can be redone and checked.

/** The sample a community has, as GET …/register names it. */
export type SampleSummary = NonNullable<RegisterAnswer['sample']>;

const beijing = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return [error.message, ...(error.issues ?? []).map((i) => i.message)].join('；');
  }
  return error instanceof Error ? error.message : String(error);
}

export function DrawSample({
  community,
  sample,
  onDrawn,
}: {
  readonly community: string;
  readonly sample: SampleSummary | null;
  readonly onDrawn: () => void;
}) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const draw = useMutation({
    mutationFn: () =>
      api.json<DrawAnswer>('POST', `/api/communities/${encodeURIComponent(community)}/sample`, {}),
    onSuccess: onDrawn,
  });
  const shown = draw.data ?? sample;
  return (
    <section className="draw-sample" aria-label="抽样">
      <h2>抽样</h2>
      {shown ? (
        <p data-testid="sample-summary">
          随机种子 <strong>{shown.seed}</strong>（{beijing(shown.drawnAt)} 抽取）：从 {shown.frame}{' '}
          户居住户中抽取样本 {shown.size} 户、备选 {shown.reserveSize}{' '}
          户，按小区和楼栋的户数比例分配。
          采集员的走访名单中样本户排在最前并标“抽样”；遇拒访、空置或多次不在家，按备选顺序替补。
        </p>
      ) : (
        <p className="muted" data-testid="sample-summary">
          尚未抽样。抽样会从户册的“居住”户中随机抽取达到 30% 所需的户数，另加备选户。
        </p>
      )}
      <button type="button" disabled={draw.isPending} onClick={() => setConfirming(true)}>
        {sample ? '重新抽样' : '抽取样本'}
      </button>
      {confirming ? (
        <ConfirmDialog
          title={sample ? '重新抽样' : '抽取样本'}
          message={
            sample
              ? `重新抽样将替换现有样本（随机种子 ${sample.seed}），采集员的走访名单随之更新；已完成的问卷仍然计入。确定重新抽样？`
              : '从户册的“居住”户中随机抽取样本并发布到采集员的走访名单？'
          }
          confirmLabel={sample ? '重新抽样' : '抽取'}
          danger={sample !== null}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            draw.mutate();
          }}
        />
      ) : null}
      {draw.isSuccess ? (
        <p className="ok-note" role="status">
          已抽取：样本 {draw.data.size} 户，备选 {draw.data.reserveSize} 户，随机种子{' '}
          {draw.data.seed}
        </p>
      ) : null}
      {draw.isError ? (
        <p className="warning" role="alert">
          {errorText(draw.error)}
        </p>
      ) : null}
    </section>
  );
}
