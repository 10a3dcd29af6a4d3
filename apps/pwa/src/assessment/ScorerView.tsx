import type { ConfirmAnswer, SavedScoresAnswer } from '@jiuting/api-contract';
import { checkItemPoints } from '@jiuting/scorecard';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import {
  type CombinationRule,
  type DepartmentEntry,
  type HotlineFigures,
  type ItemScore,
  type Scoring,
  type ScoringItem,
  useAssessmentWrite,
  useScoring,
} from './assessment-api.ts';
import { OwnProposals, ProposeForm } from './ProposalsPanel.tsx';
import {
  readScoreDrafts,
  type ScoreDraft,
  scoreDraftsKey,
  writeScoreDrafts,
} from './score-drafts.ts';

// A department scorer's screen: one of the department's items at a time, every community with a
// points box (numeric keypad, 0.5 steps) and a short basis, one save for the changed rows, and —
// for the lead department — the confirmation that makes the item count in the results.

type Draft = ScoreDraft;

const HOTLINE_ITEM = 'mass.hotline.work-orders';

function draftsOf(item: ScoringItem, scores: readonly ItemScore[]): Record<string, Draft> {
  const drafts: Record<string, Draft> = {};
  for (const s of scores) {
    if (s.itemId === item.id)
      drafts[s.communityCode] = { points: String(s.points), basis: s.basis };
  }
  return drafts;
}

/** The row's own problem before anything is sent, in the scorecard package's words. */
function rowProblem(item: ScoringItem, draft: Draft | undefined): string | null {
  if (!draft || (draft.points === '' && draft.basis === '')) return null;
  if (draft.points.trim() === '') return '请填写得分';
  const error = checkItemPoints(item.id, Number(draft.points));
  if (error) return error.message;
  if (draft.basis.trim() === '') return '请填写评分依据';
  return null;
}

/** The other departments' figures for this community, beside the lead's own box. */
function OtherEntries({ entries }: { entries: readonly DepartmentEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="other-entries" aria-label="各部门评分">
      {entries.map((e) => (
        <li key={e.department}>
          {e.departmentName} {e.points} 分（{e.basis}；{e.enteredByName}）
        </li>
      ))}
    </ul>
  );
}

function HotlineBasis({ figures }: { figures: HotlineFigures | undefined }) {
  if (!figures) return <span className="muted">12345 工单数据未导入</span>;
  return (
    <span className="hotline-basis">
      12345 工单：今年 {figures.ordersThisYear} 件，去年 {figures.ordersLastYear} 件，满意率{' '}
      {figures.satisfactionRate}%
    </span>
  );
}

export function ScorerView({ year }: { year: number }) {
  const scoring = useScoring(year);
  if (scoring.isPending) return <p className="loading">正在加载评分项目…</p>;
  if (scoring.isError) return <p className="warning">无法加载评分项目：{scoring.error.message}</p>;
  return <ScorerItems data={scoring.data} />;
}

function ScorerItems({ data }: { data: Scoring }) {
  const [itemId, setItemId] = useState(data.items[0]?.id ?? '');
  const item = data.items.find((i) => i.id === itemId) ?? data.items[0];
  // Typed but unsaved rows of the open item: switching items would discard them, so ask first.
  const [unsaved, setUnsaved] = useState(0);
  const [leavingFor, setLeavingFor] = useState<string | null>(null);
  const open = (id: string) => {
    if (id === item?.id) return;
    if (unsaved > 0) setLeavingFor(id);
    else setItemId(id);
  };
  return (
    <section className="scorer">
      <p className="scorer-department">
        {data.department.name} · {data.year} 年度
        {data.state === 'locked' ? <span className="badge locked">已锁定</span> : null}
      </p>
      {data.items.length > 1 ? (
        <div className="item-tabs" role="tablist" aria-label="评分项目">
          {data.items.map((i) => (
            <button
              key={i.id}
              type="button"
              role="tab"
              aria-selected={i.id === item?.id}
              className={i.id === item?.id ? 'tab selected' : 'tab'}
              onClick={() => open(i.id)}
            >
              {i.title}
            </button>
          ))}
        </div>
      ) : null}
      {item ? (
        <ItemSheet key={`${data.year}:${item.id}`} data={data} item={item} onUnsaved={setUnsaved} />
      ) : (
        <p className="empty">本部门没有需要评分的项目。</p>
      )}
      {data.state === 'open' ? (
        <ProposeForm year={data.year} communities={data.communities} />
      ) : null}
      <OwnProposals
        year={data.year}
        communityName={(code) => data.communities.find((c) => c.code === code)?.name ?? code}
      />
      {leavingFor ? (
        <ConfirmDialog
          title="有未保存的得分"
          message={`“${item?.title ?? ''}”还有 ${unsaved} 个居民区的得分或评分依据没有保存。切换项目会丢弃这些修改。`}
          cancelLabel="留下保存"
          confirmLabel="放弃修改并切换"
          danger
          onCancel={() => setLeavingFor(null)}
          onConfirm={() => {
            // Discarding is what was asked: the item's kept drafts go too.
            if (item) writeScoreDrafts(scoreDraftsKey(data.year, data.department.id, item.id), {});
            setItemId(leavingFor);
            setUnsaved(0);
            setLeavingFor(null);
          }}
        />
      ) : null}
    </section>
  );
}

function ItemSheet({
  data,
  item,
  onUnsaved,
}: {
  data: Scoring;
  item: ScoringItem;
  onUnsaved: (count: number) => void;
}) {
  const locked = data.state === 'locked';
  const stored = useMemo(() => draftsOf(item, data.scores), [item, data.scores]);
  const keptKey = scoreDraftsKey(data.year, data.department.id, item.id);
  // Rows typed earlier and never saved come back as they were left (a locked year takes none).
  const [kept] = useState(() => (locked ? {} : readScoreDrafts(keptKey)));
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => ({ ...stored, ...kept }));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(() => {
    const restored = data.communities.filter((c) => {
      const k = kept[c.code];
      const s = stored[c.code];
      return k && (k.points !== (s?.points ?? '') || k.basis !== (s?.basis ?? ''));
    }).length;
    return restored > 0 ? `已恢复上次未保存的 ${restored} 个居民区的得分，请核对后保存` : null;
  });
  const [confirming, setConfirming] = useState(false);
  const [rule, setRule] = useState<CombinationRule>('lead');
  const save = useAssessmentWrite<{ entries: unknown[] }, SavedScoresAnswer>(
    'POST',
    `/api/assessment/${data.year}/scores`,
  );
  const confirm = useAssessmentWrite<{ rule: CombinationRule }, ConfirmAnswer>(
    'POST',
    `/api/assessment/${data.year}/items/${item.id}/confirm`,
  );
  useEffect(() => setDrafts((current) => ({ ...stored, ...current })), [stored]);

  const hotline = new Map(data.hotline.map((h) => [h.communityCode, h]));
  const scores = data.scores.filter((s) => s.itemId === item.id);
  const confirmedScores = new Map(
    data.confirmed.filter((s) => s.itemId === item.id).map((s) => [s.communityCode, s]),
  );
  const confirmed = confirmedScores.size;
  const others = (code: string) =>
    data.entries.filter(
      (e) =>
        e.itemId === item.id && e.communityCode === code && e.department !== data.department.id,
    );
  const changed = data.communities.filter((c) => {
    const d = drafts[c.code];
    const s = stored[c.code];
    return d && (d.points !== (s?.points ?? '') || d.basis !== (s?.basis ?? ''));
  });
  useEffect(() => onUnsaved(changed.length), [changed.length, onUnsaved]);
  // Every keystroke is kept at once, so no way of leaving the screen loses a typed row.
  const unsavedRows = JSON.stringify(changed.map((c) => [c.code, drafts[c.code]]));
  useEffect(() => {
    if (locked) return;
    writeScoreDrafts(keptKey, Object.fromEntries(JSON.parse(unsavedRows)));
  }, [keptKey, locked, unsavedRows]);
  // Closing or reloading the page with unsaved rows: the browser asks before they are lost.
  useEffect(() => {
    if (changed.length === 0) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed.length]);
  const problems = Object.fromEntries(
    changed.map((c) => [c.code, rowProblem(item, drafts[c.code])] as const).filter(([, p]) => p),
  );

  const setDraft = (code: string, patch: Partial<Draft>) => {
    setNotice(null);
    setServerErrors(({ [code]: _gone, ...rest }) => rest);
    setDrafts((all) => ({
      ...all,
      [code]: { points: '', basis: '', ...all[code], ...patch },
    }));
  };

  const onSave = () => {
    if (changed.length === 0 || Object.keys(problems).length > 0) return;
    const entries = changed.map((c) => ({
      itemId: item.id,
      communityCode: c.code,
      points: Number(drafts[c.code]?.points),
      basis: drafts[c.code]?.basis ?? '',
    }));
    save.mutate(
      { entries },
      {
        onSuccess: (answer) => {
          setServerErrors({});
          setNotice(`已保存 ${answer.changed} 个居民区的得分`);
        },
        onError: (error) => {
          // Issues name entries by index: put each message on its community's row.
          const byRow: Record<string, string> = {};
          if (error instanceof ApiError) {
            for (const issue of error.issues ?? []) {
              const index = Number(/^entries\.(\d+)/.exec(issue.path)?.[1]);
              const code = entries[index]?.communityCode;
              if (code) byRow[code] = issue.message;
            }
          }
          setServerErrors(byRow);
          setNotice(`未保存：${error.message}`);
        },
      },
    );
  };

  return (
    <div className="item-sheet">
      <header className="item-head">
        <h2>
          {item.title}
          <span className="muted">
            （满分 {item.maxPoints} 分，以 {item.step} 分为单位）
          </span>
        </h2>
        <details>
          <summary>考核内容与评分部门</summary>
          <ol>
            {item.subItems.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ol>
          <p className="muted">评分部门：{item.printedDepartments}</p>
        </details>
        <p className="confirm-state">
          已录入 {scores.length}/{data.communities.length} 个居民区，牵头部门已确认 {confirmed} 个
        </p>
      </header>
      <ul className="score-rows">
        {data.communities.map((c) => {
          const d = drafts[c.code] ?? { points: '', basis: '' };
          const problem = problems[c.code] ?? serverErrors[c.code];
          const score = scores.find((s) => s.communityCode === c.code);
          return (
            <li key={c.code} className={problem ? 'score-row has-error' : 'score-row'}>
              <div className="score-community">
                <strong>{c.name}</strong>
                <span className="muted">{c.type}</span>
                {confirmedScores.has(c.code) ? (
                  <span className="badge confirmed">
                    已确认 {confirmedScores.get(c.code)?.points} 分
                  </span>
                ) : score?.confirmedAt ? (
                  <span className="badge confirmed">已确认</span>
                ) : null}
                {item.id === HOTLINE_ITEM ? <HotlineBasis figures={hotline.get(c.code)} /> : null}
                {item.lead ? <OtherEntries entries={others(c.code)} /> : null}
              </div>
              <label className="score-points">
                <span className="visually-hidden">{c.name}得分</span>
                <input
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={item.maxPoints}
                  step={item.step}
                  placeholder="得分"
                  value={d.points}
                  disabled={locked}
                  aria-label={`${c.name}得分`}
                  onChange={(e) => setDraft(c.code, { points: e.target.value })}
                />
              </label>
              <input
                className="score-basis"
                type="text"
                maxLength={200}
                placeholder="评分依据（必填）"
                value={d.basis}
                disabled={locked}
                aria-label={`${c.name}评分依据`}
                onChange={(e) => setDraft(c.code, { basis: e.target.value })}
              />
              {problem ? (
                <p className="field-error" role="alert">
                  {problem}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {locked ? (
        <p className="warning">本年度考核已经镇党委定案并锁定，得分不能再修改。</p>
      ) : (
        <div className="sticky-actions">
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
          <button
            type="button"
            className="button primary"
            disabled={changed.length === 0 || Object.keys(problems).length > 0 || save.isPending}
            onClick={onSave}
          >
            {save.isPending ? '正在保存…' : `保存（${changed.length} 处修改）`}
          </button>
          {item.lead ? (
            <button
              type="button"
              className="button"
              disabled={changed.length > 0 || confirm.isPending}
              onClick={() => setConfirming(true)}
            >
              确认本项得分
            </button>
          ) : null}
        </div>
      )}
      {confirming ? (
        <ConfirmDialog
          title={`确认“${item.title}”的得分`}
          message={`本部门是牵头部门。确认后，${data.communities.length} 个居民区的这一项得分计入考核总表。各部门的评分分别保存；若之后某部门的修改使合成后的得分变化，该居民区需要重新确认（审计记录写明原因）。`}
          confirmLabel="确认得分"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            confirm.mutate(
              { rule },
              {
                onSuccess: (answer) => setNotice(`已确认 ${answer.confirmed} 个居民区的得分`),
                onError: (error) => setNotice(`未能确认：${error.message}`),
              },
            );
          }}
        >
          <fieldset className="combination-rule">
            <legend>多个部门评分时的合成规则</legend>
            <label>
              <input
                type="radio"
                name="combination-rule"
                checked={rule === 'lead'}
                onChange={() => setRule('lead')}
              />
              以牵头部门（本部门）的评分为准；本部门未评分的居民区，以各部门一致的评分为准
            </label>
            <label>
              <input
                type="radio"
                name="combination-rule"
                checked={rule === 'mean'}
                onChange={() => setRule('mean')}
              />
              取各部门评分的平均值（按 0.5 分四舍五入）
            </label>
          </fieldset>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
