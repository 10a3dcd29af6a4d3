import { type FormEvent, useState } from 'react';
import { CommunityPicker, Pager } from './CommunityPicker.tsx';
import { PAGE_SIZE, useFeedbackTallies, useFeedbackTexts } from './dashboard-api.ts';
import type { FeedbackField } from './dashboard-types.ts';
import { beijingTime } from './overview.ts';
import { TallyBars } from './TallyBars.tsx';

export const FIELD_LABELS: Record<FeedbackField, string> = {
  q12: '第12题 意见和建议',
  q10Other: '第10题 其他问题',
  q11Other: '第11题 其他展望',
};

function Tallies({ community }: { community: string }) {
  const tallies = useFeedbackTallies();
  if (tallies.isPending) return <p className="loading">正在加载统计…</p>;
  if (tallies.isError) {
    return (
      <p className="warning" role="alert">
        无法加载统计：{tallies.error.message}
      </p>
    );
  }
  const { respondents, questions } = tallies.data;
  const count = community ? (respondents.byCommunity[community] ?? 0) : respondents.town;
  return (
    <>
      <p className="muted" data-testid="respondents">
        共 {count} 户的有效问卷（每户只计第一份有效问卷；多选题各选项比例之和可超过 100%）
      </p>
      <div className="tallies">
        {questions.map((q) => (
          <TallyBars
            key={q.id}
            title={`${q.number}. ${q.text}`}
            options={q.options}
            respondents={count}
            community={community}
          />
        ))}
      </div>
    </>
  );
}

/** What residents typed, shown as text: React escapes it, and it never becomes markup. */
function Texts({ community }: { community: string }) {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [field, setField] = useState<FeedbackField | ''>('');
  const [page, setPage] = useState(1);
  const texts = useFeedbackTexts(search, community, field, page);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
    setPage(1);
  };
  return (
    <section aria-label="居民的意见和建议">
      <h2>意见和建议原文</h2>
      <form className="toolbar" aria-label="搜索意见和建议" onSubmit={submit}>
        <label className="grow">
          <span>搜索</span>
          <input
            type="search"
            value={draft}
            maxLength={100}
            placeholder="输入关键词，如：停车、电梯"
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <label>
          <span>类别</span>
          <select
            value={field}
            onChange={(e) => {
              setField(e.target.value as FeedbackField | '');
              setPage(1);
            }}
          >
            <option value="">全部</option>
            {Object.entries(FIELD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">搜索</button>
      </form>
      {texts.isPending ? (
        <p className="loading">正在加载…</p>
      ) : texts.isError ? (
        <p className="warning" role="alert">
          无法加载：{texts.error.message}
        </p>
      ) : (
        <>
          <p className="muted" data-testid="texts-total">
            共 {texts.data.total} 条{search ? `含“${search}”的` : ''}文字
          </p>
          <ul className="feedback-texts">
            {texts.data.items.map((item) => (
              <li key={`${item.responseId}-${item.field}`}>
                <p className="feedback-text">{item.text}</p>
                <p className="muted feedback-meta">
                  {item.communityName} · {FIELD_LABELS[item.field]} ·{' '}
                  {beijingTime(item.collectedAt)}
                </p>
              </li>
            ))}
          </ul>
          <Pager page={page} total={texts.data.total} pageSize={PAGE_SIZE} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function FeedbackView() {
  const [community, setCommunity] = useState('');
  return (
    <>
      <div className="toolbar">
        <CommunityPicker value={community} onChange={setCommunity} allLabel="全镇" />
      </div>
      <Tallies community={community} />
      <Texts key={community} community={community} />
    </>
  );
}
