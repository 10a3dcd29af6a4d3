import type { DecisionAnswer, DecisionBody, ProposalCreated } from '@jiuting/api-contract';
import {
  DEDUCTION_KINDS,
  departmentById,
  HONOUR_LEVEL_NAMES,
  isDepartmentId,
} from '@jiuting/scorecard';
import { useState } from 'react';
import { type Proposal, useAssessmentWrite, useProposals } from './assessment-api.ts';
import { formatPoints } from './labels.ts';

// Departments propose bonus and deduction entries with their evidence; a coordinator accepts
// (the entry joins the community's list, caps applied by the server) or refuses, with a reason.

export function describeProposal(p: Pick<Proposal, 'kind' | 'entry'>): string {
  const e = p.entry as unknown as Record<string, unknown>;
  if (p.kind === 'honour') {
    const level = HONOUR_LEVEL_NAMES[e.level as keyof typeof HONOUR_LEVEL_NAMES] ?? String(e.level);
    return `加分·荣誉：${String(e.work)}（${level}${Number(e.bodies) > 1 ? `，${String(e.bodies)} 个主体` : ''}）`;
  }
  if (p.kind === 'case')
    return `加分·自治共治优秀案例：${String(e.title)}（${formatPoints(Number(e.points))} 分）`;
  const rule = DEDUCTION_KINDS[e.kind as keyof typeof DEDUCTION_KINDS];
  const points = e.points === undefined ? '' : `，${formatPoints(Number(e.points))} 分`;
  return `扣分：${rule?.label ?? String(e.kind)}${points}${e.note ? `（${String(e.note)}）` : ''}`;
}

export function departmentName(id: string): string {
  return isDepartmentId(id) ? departmentById(id).name : id;
}

export const PROPOSAL_STATES: Readonly<Record<Proposal['state'], string>> = {
  proposed: '待处理',
  accepted: '已采纳',
  refused: '未采纳',
};

function Decision({ year, proposal }: { year: number; proposal: Proposal }) {
  const [reason, setReason] = useState('');
  const decide = useAssessmentWrite<DecisionBody, DecisionAnswer>(
    'POST',
    `/api/assessment/${year}/proposals/${proposal.id}/decision`,
  );
  return (
    <div className="proposal-decision">
      <input
        className="proposal-reason"
        value={reason}
        maxLength={200}
        placeholder="采纳或不采纳的理由（必填）"
        aria-label={`处理理由：${describeProposal(proposal)}`}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="button primary"
        disabled={reason.trim() === '' || decide.isPending}
        onClick={() => decide.mutate({ accept: true, reason })}
      >
        采纳
      </button>
      <button
        type="button"
        className="button"
        disabled={reason.trim() === '' || decide.isPending}
        onClick={() => decide.mutate({ accept: false, reason })}
      >
        不采纳
      </button>
      {decide.error ? (
        <p className="field-error" role="alert">
          未处理：{decide.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** A coordinator's view of one community's proposals: the open ones to decide, then the rest. */
export function ProposalsPanel({
  year,
  communityCode,
  locked,
}: {
  year: number;
  communityCode: string;
  locked: boolean;
}) {
  const proposals = useProposals(year);
  const mine = (proposals.data?.proposals ?? []).filter((p) => p.communityCode === communityCode);
  return (
    <section className="panel">
      <h3>部门加扣分建议（{mine.filter((p) => p.state === 'proposed').length} 条待处理）</h3>
      {proposals.isError ? (
        <p className="warning">无法加载部门建议：{proposals.error.message}</p>
      ) : mine.length === 0 ? (
        <p className="muted">没有部门提出建议。</p>
      ) : (
        <ul className="proposals" aria-label="部门加扣分建议">
          {mine.map((p) => (
            <li key={p.id}>
              <p>
                <strong>{describeProposal(p)}</strong>
              </p>
              <p className="muted">
                {departmentName(p.department)}（{p.proposedByName}）提出；依据：{p.evidence}
              </p>
              {p.state === 'proposed' && !locked ? (
                <Decision year={year} proposal={p} />
              ) : (
                <p>
                  {PROPOSAL_STATES[p.state]}
                  {p.decisionReason ? `：${p.decisionReason}` : ''}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Kind = Proposal['kind'];

/**
 * A department's proposal: which community, an honour, a case or a deduction, and the evidence.
 * The server says which deductions this department may propose (附件2 names one per category).
 */
export function ProposeForm({
  year,
  communities,
}: {
  year: number;
  communities: readonly { code: string; name: string }[];
}) {
  const [communityCode, setCommunityCode] = useState(communities[0]?.code ?? '');
  const [kind, setKind] = useState<Kind>('honour');
  const [work, setWork] = useState('');
  const [level, setLevel] = useState<keyof typeof HONOUR_LEVEL_NAMES>('district');
  const [title, setTitle] = useState('');
  const [casePoints, setCasePoints] = useState('0.5');
  const [deduction, setDeduction] = useState<keyof typeof DEDUCTION_KINDS>('finance.budget');
  const [deductionPoints, setDeductionPoints] = useState('');
  const [evidence, setEvidence] = useState('');
  const send = useAssessmentWrite<Record<string, unknown>, ProposalCreated>(
    'POST',
    `/api/assessment/${year}/proposals`,
  );
  const rule = DEDUCTION_KINDS[deduction];
  const body = (): Record<string, unknown> => {
    const base = { communityCode, evidence, kind };
    if (kind === 'honour') return { ...base, honour: { work, level, bodies: 1 } };
    if (kind === 'case') return { ...base, case: { title, points: Number(casePoints) } };
    return {
      ...base,
      deduction: {
        kind: deduction,
        ...(rule.min !== rule.max ? { points: Number(deductionPoints) } : {}),
      },
    };
  };
  return (
    <form
      className="panel propose-form"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate(body(), { onSuccess: () => setEvidence('') });
      }}
    >
      <h3>提出加分或扣分建议</h3>
      <p className="muted">建议由考核专班采纳或不采纳，采纳后才计入；请写明依据。</p>
      <label className="field">
        <span>居民区</span>
        <select value={communityCode} onChange={(e) => setCommunityCode(e.target.value)}>
          {communities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>类别</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="honour">加分：荣誉</option>
          <option value="case">加分：自治共治优秀案例</option>
          <option value="deduction">扣分</option>
        </select>
      </label>
      {kind === 'honour' ? (
        <>
          <label className="field">
            <span>获得荣誉的工作</span>
            <input value={work} onChange={(e) => setWork(e.target.value)} />
          </label>
          <label className="field">
            <span>荣誉等级</span>
            <select
              value={level}
              onChange={(e) => setLevel(e.target.value as keyof typeof HONOUR_LEVEL_NAMES)}
            >
              {(['national', 'city', 'district'] as const).map((l) => (
                <option key={l} value={l}>
                  {HONOUR_LEVEL_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : kind === 'case' ? (
        <>
          <label className="field">
            <span>案例名称</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            <span>建议加分</span>
            <input
              inputMode="decimal"
              value={casePoints}
              onChange={(e) => setCasePoints(e.target.value)}
            />
          </label>
        </>
      ) : (
        <>
          <label className="field">
            <span>扣分事项</span>
            <select
              value={deduction}
              onChange={(e) => setDeduction(e.target.value as keyof typeof DEDUCTION_KINDS)}
            >
              {Object.entries(DEDUCTION_KINDS).map(([id, r]) => (
                <option key={id} value={id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          {rule.min !== rule.max ? (
            <label className="field">
              <span>
                扣分（{formatPoints(rule.min)}–{formatPoints(rule.max)} 分）
              </span>
              <input
                inputMode="decimal"
                value={deductionPoints}
                onChange={(e) => setDeductionPoints(e.target.value)}
              />
            </label>
          ) : null}
        </>
      )}
      <label className="field">
        <span>依据（文件、通报或台账）</span>
        <input value={evidence} maxLength={500} onChange={(e) => setEvidence(e.target.value)} />
      </label>
      <button
        type="submit"
        className="button primary"
        disabled={evidence.trim() === '' || send.isPending}
      >
        提交建议
      </button>
      {send.error ? (
        <p className="field-error" role="alert">
          未提交：{send.error.message}
        </p>
      ) : send.isSuccess ? (
        <p role="status">已提交，等待考核专班处理。</p>
      ) : null}
    </form>
  );
}

/** What the department proposed, and what became of it. */
export function OwnProposals({
  year,
  communityName,
}: {
  year: number;
  communityName: (code: string) => string;
}) {
  const proposals = useProposals(year);
  const list = proposals.data?.proposals ?? [];
  if (list.length === 0) return null;
  return (
    <section className="panel">
      <h3>本部门的建议</h3>
      <ul className="proposals" aria-label="本部门的建议">
        {list.map((p) => (
          <li key={p.id}>
            {communityName(p.communityCode)} · {describeProposal(p)} · {PROPOSAL_STATES[p.state]}
            {p.decisionReason ? `：${p.decisionReason}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
