import {
  CHANNELS,
  DOOR_ABOVE_QR_LABEL,
  RESPONSE_FLAG_LABELS,
  RESPONSE_FLAGS,
  type ResponseFlag,
} from '@jiuting/questionnaire';
import { useState } from 'react';
import { CommunityPicker, Pager } from './CommunityPicker.tsx';
import { PAGE_SIZE, useQuality, useReviewResponse } from './dashboard-api.ts';
import type { FlaggedResponse } from './dashboard-types.ts';
import { useDashboardYear } from './dashboard-year.tsx';
import { beijingTime } from './overview.ts';
import { duration, FLAG_SHORT, FlagBadges } from './ResponseAnswers.tsx';
import { ReviewRow } from './ReviewView.tsx';

// Evidence for a coordinator who must answer a community's complaint: which responses look
// implausible, per community and per collector, each opening its full answers, where review can
// mark it invalid (audited). A flag itself changes nothing.

function mean(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

/** The response as review shows it: answers open, and 标记无效 beside them. */
function FlaggedDetail({ id }: { id: string }) {
  const found = useReviewResponse(id);
  if (found.isPending) return <p className="loading">正在加载…</p>;
  if (found.isError) {
    return (
      <p className="warning" role="alert">
        无法加载：{found.error.message}
      </p>
    );
  }
  const item = found.data.items[0];
  if (!item) return <p className="empty">没有找到这份问卷。</p>;
  return (
    <ul className="review-list">
      <ReviewRow kind="responses" item={item} answersOpen />
    </ul>
  );
}

function FlaggedRow({ item }: { item: FlaggedResponse }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="flagged-item" data-testid={`flagged-${item.id}`}>
      <div className="review-main">
        <strong>{item.communityName}</strong>
        <span className="review-desc">
          {item.householdKey} · {CHANNELS[item.channel as keyof typeof CHANNELS] ?? item.channel} ·{' '}
          {item.score} 分
        </span>
        <span className="muted">
          {item.collector ?? '居民扫码'} · 采集 {beijingTime(item.collectedAt)} · 用时{' '}
          {item.fillSeconds === null ? '无记录' : duration(item.fillSeconds)} · 改答{' '}
          {item.answerChanges ?? '—'} 次{item.invalid ? ' · 已标记无效' : ''}
        </span>
        <FlagBadges flags={item.flags} />
      </div>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起' : '查看答案'}
      </button>
      {open ? <FlaggedDetail id={item.id} /> : null}
    </li>
  );
}

export function QualityView() {
  // The dashboard's year (the open one until a coordinator picks another).
  const year = useDashboardYear();
  const [community, setCommunity] = useState('');
  const [collector, setCollector] = useState('');
  const [flag, setFlag] = useState<ResponseFlag | ''>('');
  const [page, setPage] = useState(1);
  const quality = useQuality(year, community, collector, flag, page);
  const again = (change: () => void) => {
    change();
    setPage(1);
  };

  return (
    <>
      <p className="muted">
        质量提示只是供核实的线索，不会改变任何覆盖率或得分。核实后可打开答案，在审核中标记无效（记录操作人、时间和原因）。
      </p>
      <details className="quality-legend">
        <summary>各项提示的含义和阈值</summary>
        <ul>
          {RESPONSE_FLAGS.map((f) => (
            <li key={f}>
              <strong>{FLAG_SHORT[f]}</strong>：{RESPONSE_FLAG_LABELS[f]}
            </li>
          ))}
          <li>
            <strong>上门高于扫码</strong>：{DOOR_ABOVE_QR_LABEL}
          </li>
        </ul>
      </details>
      <div className="toolbar">
        <CommunityPicker
          value={community}
          onChange={(code) =>
            again(() => {
              setCommunity(code);
              setCollector('');
            })
          }
        />
        <label>
          <span>质量提示</span>
          <select
            value={flag}
            onChange={(e) => again(() => setFlag(e.target.value as ResponseFlag | ''))}
          >
            <option value="">全部提示</option>
            {RESPONSE_FLAGS.map((f) => (
              <option key={f} value={f}>
                {FLAG_SHORT[f]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {quality.isPending ? (
        <p className="loading">正在加载…</p>
      ) : quality.isError ? (
        <p className="warning" role="alert">
          无法加载：{quality.error.message}
        </p>
      ) : (
        <>
          <h2>居民区</h2>
          {quality.data.communities.length === 0 ? (
            <p className="empty">这一年度还没有问卷。</p>
          ) : (
            <div className="table-scroll">
              <table className="quality-table">
                <thead>
                  <tr>
                    <th>居民区</th>
                    <th>问卷</th>
                    <th>有提示</th>
                    {RESPONSE_FLAGS.map((f) => (
                      <th key={f}>{FLAG_SHORT[f]}</th>
                    ))}
                    <th>上门均分</th>
                    <th>扫码均分</th>
                  </tr>
                </thead>
                <tbody>
                  {quality.data.communities.map((c) => (
                    <tr key={c.code} data-testid={`quality-community-${c.code}`}>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => again(() => setCommunity(c.code))}
                        >
                          {c.name}
                        </button>
                        {c.doorAboveQr ? (
                          <span className="flag-badge" title={DOOR_ABOVE_QR_LABEL}>
                            上门高于扫码
                          </span>
                        ) : null}
                      </td>
                      <td>{c.responses}</td>
                      <td>{c.flagged}</td>
                      {RESPONSE_FLAGS.map((f) => (
                        <td key={f}>{c.flags[f]}</td>
                      ))}
                      <td>
                        {mean(c.doorMean)}（{c.doorCount}）
                      </td>
                      <td>
                        {mean(c.qrMean)}（{c.qrCount}）
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>采集员{community ? '（本居民区）' : ''}</h2>
          {quality.data.collectors.length === 0 ? (
            <p className="empty">没有采集员的问卷。</p>
          ) : (
            <div className="table-scroll">
              <table className="quality-table">
                <thead>
                  <tr>
                    <th>采集员</th>
                    <th>问卷</th>
                    <th>有提示</th>
                    {RESPONSE_FLAGS.map((f) => (
                      <th key={f}>{FLAG_SHORT[f]}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {quality.data.collectors.map((c) => (
                    <tr key={c.userId} data-testid={`quality-collector-${c.userId}`}>
                      <td>
                        <button
                          type="button"
                          className="link"
                          aria-pressed={collector === c.userId}
                          onClick={() =>
                            again(() => setCollector(collector === c.userId ? '' : c.userId))
                          }
                        >
                          {c.name ?? c.userId}
                        </button>
                      </td>
                      <td>{c.responses}</td>
                      <td>{c.flagged}</td>
                      {RESPONSE_FLAGS.map((f) => (
                        <td key={f}>{c.flags[f]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>有提示的问卷</h2>
          {quality.data.flagged.items.length === 0 ? (
            <p className="empty">没有符合条件的问卷。</p>
          ) : (
            <>
              <p className="muted">共 {quality.data.flagged.total} 份，最新的在前</p>
              <ul className="review-list">
                {quality.data.flagged.items.map((item) => (
                  <FlaggedRow key={item.id} item={item} />
                ))}
              </ul>
              <Pager
                page={page}
                total={quality.data.flagged.total}
                pageSize={PAGE_SIZE}
                onPage={setPage}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
