import {
  CHANNELS,
  INTERVIEW_GROUPS,
  INTERVIEW_METHODS,
  RESPONSE_FLAG_LABELS,
  RESPONSE_FLAGS,
  type ResponseFlag,
} from '@jiuting/questionnaire';
import { type FormEvent, useState } from 'react';
import { CommunityPicker, Pager } from './CommunityPicker.tsx';
import { PAGE_SIZE, useCoverage, useReviewAction, useReviewList } from './dashboard-api.ts';
import type {
  ReviewFilters,
  ReviewInterview,
  ReviewKind,
  ReviewResponse,
  ReviewStatus,
} from './dashboard-types.ts';
import { beijingTime } from './overview.ts';
import { FLAG_SHORT, FlagBadges, ResponseAnswers } from './ResponseAnswers.tsx';
import { SyncConflicts } from './SyncConflicts.tsx';

const VIEW_LABELS: Record<string, string> = { A: '满意', B: '比较满意', C: '一般', D: '不满意' };

function label<T extends Record<string, string>>(labels: T, key: string): string {
  return (labels as Record<string, string>)[key] ?? key;
}

function describe(kind: ReviewKind, item: ReviewResponse | ReviewInterview): string {
  if (kind === 'responses') {
    const r = item as ReviewResponse;
    return `${r.householdKey} · ${label(CHANNELS, r.channel)} · ${r.score} 分`;
  }
  const i = item as ReviewInterview;
  return `${label(INTERVIEW_GROUPS, i.group)} · ${label(INTERVIEW_METHODS, i.method)} · ${i.date} · 评价：${label(VIEW_LABELS, i.view)}`;
}

function status(kind: ReviewKind, item: ReviewResponse | ReviewInterview): string {
  if (item.invalid) return '无效';
  if (kind === 'responses' && !(item as ReviewResponse).counted) return '重复户（不计入）';
  return kind === 'responses' ? '计入' : '有效';
}

export function ReviewRow({
  kind,
  item,
  answersOpen = false,
}: {
  kind: ReviewKind;
  item: ReviewResponse | ReviewInterview;
  answersOpen?: boolean;
}) {
  const action = useReviewAction();
  const [marking, setMarking] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    action.mutate(
      { kind, id: item.id, reason: reason.trim() },
      {
        onSuccess: () => {
          setMarking(false);
          setReason('');
        },
      },
    );
  };
  return (
    <li
      className={`review-item ${item.invalid ? 'is-invalid' : ''}`}
      data-testid={`review-${item.id}`}
    >
      <div className="review-main">
        <strong>{item.communityName}</strong>
        <span className="review-desc">{describe(kind, item)}</span>
        <span className="muted">
          {item.collector ?? '居民扫码'} · 采集 {beijingTime(item.collectedAt)}
        </span>
        <span
          className={`review-status ${item.invalid ? 'invalid' : ''}`}
          data-testid="review-status"
        >
          {status(kind, item)}
        </span>
        {kind === 'responses' ? <FlagBadges flags={(item as ReviewResponse).flags ?? []} /> : null}
        {item.invalid ? (
          <span className="muted review-mark">
            {item.invalid.byDisplayName ?? '—'} 于 {beijingTime(item.invalid.at)} 标记无效：
            {item.invalid.reason}
          </span>
        ) : null}
        {kind === 'responses' ? (
          <ResponseAnswers item={item as ReviewResponse} open={answersOpen} />
        ) : null}
      </div>
      <div className="review-actions">
        {item.invalid ? (
          <button
            type="button"
            disabled={action.isPending}
            onClick={() => action.mutate({ kind, id: item.id, reason: null })}
          >
            恢复有效
          </button>
        ) : marking ? (
          <form className="reason-form" onSubmit={submit}>
            <label>
              <span>无效原因（必填）</span>
              <input
                value={reason}
                maxLength={200}
                aria-invalid={missing}
                onChange={(e) => {
                  setReason(e.target.value);
                  setMissing(false);
                }}
              />
            </label>
            {missing ? <p className="field-error">请填写标记无效的原因</p> : null}
            <div className="row-buttons">
              <button type="submit" className="danger" disabled={action.isPending}>
                确认标记无效
              </button>
              <button type="button" onClick={() => setMarking(false)}>
                取消
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setMarking(true)}>
            标记无效
          </button>
        )}
        {action.isError ? (
          <p className="field-error" role="alert">
            {action.error.message}
          </p>
        ) : null}
      </div>
    </li>
  );
}

const NO_FILTERS: ReviewFilters = {
  community: '',
  status: 'all',
  channel: '',
  collector: '',
  flag: '',
  address: '',
};

/** Mark a response or interview invalid with a reason, or restore it; every change is audited. */
export function ReviewView() {
  const [kind, setKind] = useState<ReviewKind>('responses');
  const [filters, setFilters] = useState<ReviewFilters>(NO_FILTERS);
  const [addressTyped, setAddressTyped] = useState('');
  const [page, setPage] = useState(1);
  // The cursor that opens each page reached by 下一页 (page 1 needs none): the pager only ever
  // steps by one, so every page shown was reached from a page whose nextCursor is known.
  const [cursors, setCursors] = useState<Record<number, string>>({});
  const list = useReviewList(kind, filters, page, cursors[page]);
  const toPage = (next: number) => {
    const nextCursor = list.data?.nextCursor;
    if (next === page + 1 && nextCursor) setCursors({ ...cursors, [next]: nextCursor });
    setPage(next);
  };
  const firstPage = () => {
    setCursors({});
    setPage(1);
  };
  const collectors = useCoverage().data?.collectors ?? [];
  const set = (next: Partial<ReviewFilters>) => {
    setFilters({ ...filters, ...next });
    firstPage();
  };
  const responses = kind === 'responses';
  return (
    <>
      <p className="muted">
        标记为无效的记录不计入覆盖率和得分，但不会删除，可随时恢复；同一户的下一份有效问卷将自动计入。每次操作都会记录操作人、时间和原因。
      </p>
      <div className="toolbar">
        <label>
          <span>记录</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ReviewKind);
              if (filters.status === 'repeat') set({ status: 'all' });
              firstPage();
            }}
          >
            <option value="responses">问卷</option>
            <option value="interviews">访谈</option>
          </select>
        </label>
        <CommunityPicker value={filters.community} onChange={(code) => set({ community: code })} />
        <label>
          <span>状态</span>
          <select
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as ReviewStatus })}
          >
            <option value="all">全部</option>
            <option value="valid">有效</option>
            <option value="invalid">已标记无效</option>
            {responses ? <option value="repeat">重复户（不计入）</option> : null}
          </select>
        </label>
        <label>
          <span>采集员</span>
          <select value={filters.collector} onChange={(e) => set({ collector: e.target.value })}>
            <option value="">全部采集员</option>
            {collectors.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.displayName}
              </option>
            ))}
          </select>
        </label>
        {responses ? (
          <>
            <label>
              <span>采集方式</span>
              <select value={filters.channel} onChange={(e) => set({ channel: e.target.value })}>
                <option value="">全部方式</option>
                {Object.entries(CHANNELS).map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>质量提示</span>
              <select
                value={filters.flag}
                onChange={(e) => set({ flag: e.target.value as ResponseFlag | '' })}
              >
                <option value="">不限</option>
                {RESPONSE_FLAGS.map((flag) => (
                  <option key={flag} value={flag} title={RESPONSE_FLAG_LABELS[flag]}>
                    {FLAG_SHORT[flag]}
                  </option>
                ))}
              </select>
            </label>
            <form
              className="address-search"
              onSubmit={(e) => {
                e.preventDefault();
                set({ address: addressTyped.trim() });
              }}
            >
              <label>
                <span>门牌</span>
                <input
                  value={addressTyped}
                  maxLength={80}
                  placeholder="如 12-301"
                  onChange={(e) => setAddressTyped(e.target.value)}
                />
              </label>
              <button type="submit">查找</button>
            </form>
          </>
        ) : null}
      </div>
      {list.isPending ? (
        <p className="loading">正在加载…</p>
      ) : list.isError ? (
        <p className="warning" role="alert">
          无法加载：{list.error.message}
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="empty">没有符合条件的记录。</p>
      ) : (
        <>
          <p className="muted">共 {list.data.total} 条，最新的在前</p>
          <ul className="review-list">
            {list.data.items.map((item) => (
              <ReviewRow key={item.id} kind={kind} item={item} />
            ))}
          </ul>
          <Pager page={page} total={list.data.total} pageSize={PAGE_SIZE} onPage={toPage} />
        </>
      )}
      <SyncConflicts />
    </>
  );
}
