import { useDeferredValue, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Community, User } from '../api/types.ts';
import { newId } from '../outbox/ids.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { formatTime } from '../ui/format.ts';
import { hrefOf, navigate } from '../ui/route.ts';
import { HouseholdList } from './HouseholdList.tsx';
import { prefillFor } from './next-survey.ts';
import { stashPrefill } from './prefill.ts';
import { useVisitList } from './use-visit-list.ts';
import {
  AREA_NONE_LABEL,
  areaChoices,
  type BrowseChoice,
  type BrowsePlace,
  buildingChoices,
  type ListedHousehold,
  NO_PLACE,
  revisitRows,
  roomsOf,
  sampleRows,
  searchRows,
  unitChoices,
} from './visit-list.ts';
import './visits.css';

type Tab = 'browse' | 'sample' | 'revisit';

export interface VisitListPageProps {
  readonly user: User;
  readonly communities: readonly Community[];
  /** The community in the address; '' to choose one. */
  readonly code: string;
}

/** The canvasser's list of a community's households, offline, with what was found at each door. */
export default function VisitListPage({ user, communities, code }: VisitListPageProps) {
  const mine = communities.filter((c) => user.communities.includes(c.code));
  const chosen = code !== '' ? code : mine.length === 1 ? (mine[0]?.code ?? '') : '';
  if (chosen === '') {
    return (
      <main className="visits">
        <h1>走访名单</h1>
        <p>请选择居民区：</p>
        <nav className="actions">
          {mine.map((c) => (
            <a key={c.code} className="button big" href={hrefOf({ name: 'visits', code: c.code })}>
              {c.name}
            </a>
          ))}
        </nav>
        {mine.length === 0 ? <p className="empty">您还没有分配居民区。</p> : null}
      </main>
    );
  }
  const name = communities.find((c) => c.code === chosen)?.name ?? chosen;
  return <CommunityVisits key={chosen} user={user} code={chosen} name={name} />;
}

function refreshNote(error: unknown): string {
  if (error instanceof ApiError) return `无法更新名单：${error.message}`;
  return '暂时无法连接服务器，显示本机保存的名单';
}

function CommunityVisits({ user, code, name }: { user: User; code: string; name: string }) {
  const view = useVisitList(code);
  const [tab, setTab] = useState<Tab>('browse');
  const [place, setPlace] = useState<BrowsePlace>(NO_PLACE);
  const [typed, setTyped] = useState('');
  const query = useDeferredValue(typed);
  const [counted, setCounted] = useState<ListedHousehold | null>(null);
  const { rows, stored } = view;

  const found = useMemo(() => searchRows(rows, query), [rows, query]);
  const sample = useMemo(() => sampleRows(rows), [rows]);
  const revisit = useMemo(() => revisitRows(rows), [rows]);
  const areas = useMemo(() => areaChoices(rows), [rows]);
  // One 小区 needs no choosing.
  const area = place.area !== '' || areas.length !== 1 ? place.area : (areas[0]?.id ?? '');
  const browsing =
    area === '' && areas.length > 1 ? 'area' : place.building === '' ? 'building' : 'rooms';

  function startSurvey(h: ListedHousehold, confirmed = false) {
    const row = rows.find((r) => r.household.key === h.key);
    const already =
      row !== undefined &&
      (row.state === 'counted' ||
        row.state === 'resident_qr' ||
        view.marks.some((m) => m.key === h.key && m.kind === 'survey'));
    if (already && !confirmed) {
      setCounted(h);
      return;
    }
    const id = newId();
    stashPrefill(id, { ...prefillFor(code, h), channel: 'door' });
    navigate({ name: 'survey', id });
  }

  function outsideSurvey() {
    const id = newId();
    stashPrefill(id, { communityCode: code, channel: 'door' });
    navigate({ name: 'survey', id });
  }

  const header = (
    <>
      <h1>走访名单 · {name}</h1>
      <p className="muted list-time" data-testid="visit-list-time">
        {stored ? `名单更新于 ${formatTime(stored.fetchedAt)}` : null}
        {view.refreshing ? ' · 正在更新…' : null}
        <button type="button" className="link" onClick={view.refresh} disabled={view.refreshing}>
          刷新
        </button>
      </p>
      {view.refreshError && !view.refreshing ? (
        <p className="warning" role="status">
          {refreshNote(view.refreshError)}
        </p>
      ) : null}
    </>
  );

  if (stored === undefined) {
    return (
      <main className="visits">
        {header}
        <p className="loading">正在打开名单…</p>
      </main>
    );
  }
  if (stored === null || !stored.list.registered) {
    return (
      <main className="visits">
        {header}
        <p className="empty">
          {stored === null
            ? view.refreshing
              ? '正在下载名单…'
              : '本机还没有这个居民区的名单，请联网后刷新。'
            : '该居民区尚未建立户册，请直接填写问卷并写明门牌。'}
        </p>
        <button type="button" className="primary big" onClick={outsideSurvey}>
          填写问卷（手填门牌）
        </button>
      </main>
    );
  }

  const content = (() => {
    if (query.trim() !== '') {
      return found.length === 0 ? (
        <p className="empty">名单中没有“{query}”。名单外的地址可直接填写问卷（记为册外）。</p>
      ) : (
        <HouseholdList rows={found} user={user} code={code} labelOf="key" onSurvey={startSurvey} />
      );
    }
    if (tab === 'sample') {
      return sample.length === 0 ? (
        <p className="empty">考核专班尚未为该居民区抽样。</p>
      ) : (
        <HouseholdList rows={sample} user={user} code={code} labelOf="key" onSurvey={startSurvey} />
      );
    }
    if (tab === 'revisit') {
      return revisit.length === 0 ? (
        <p className="empty">没有需要回访的住户。</p>
      ) : (
        <HouseholdList
          rows={revisit}
          user={user}
          code={code}
          labelOf="key"
          onSurvey={startSurvey}
        />
      );
    }
    if (browsing === 'area') {
      return <Choices choices={areas} onChoose={(id) => setPlace({ ...NO_PLACE, area: id })} />;
    }
    if (browsing === 'building') {
      return (
        <Choices
          choices={buildingChoices(rows, area)}
          onChoose={(id) => setPlace({ area, building: id, unit: '' })}
        />
      );
    }
    const units = unitChoices(rows, area, place.building);
    if (place.unit === '' && units.length > 1) {
      return <Choices choices={units} onChoose={(id) => setPlace({ ...place, area, unit: id })} />;
    }
    const unit = place.unit !== '' ? place.unit : (units[0]?.id ?? '');
    return (
      <HouseholdList
        rows={roomsOf(rows, { area, building: place.building, unit })}
        user={user}
        code={code}
        labelOf="room"
        onSurvey={startSurvey}
      />
    );
  })();

  const buildingLabel = buildingChoices(rows, area).find((b) => b.id === place.building)?.label;
  return (
    <main className="visits">
      {header}
      <input
        type="search"
        className="visit-search"
        aria-label="搜索楼号或室号"
        placeholder="搜索楼号或室号，如 12-301"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      {query.trim() === '' ? (
        <div className="tabs" role="tablist">
          <TabButton tab="browse" current={tab} onTab={setTab} label="按楼浏览" />
          <TabButton tab="sample" current={tab} onTab={setTab} label={`抽样（${sample.length}）`} />
          <TabButton
            tab="revisit"
            current={tab}
            onTab={setTab}
            label={`回访（${revisit.length}）`}
          />
        </div>
      ) : null}
      {tab === 'browse' && query.trim() === '' ? (
        <nav className="crumbs" aria-label="位置">
          <button type="button" className="link" onClick={() => setPlace(NO_PLACE)}>
            {areas.length > 1 ? '全部小区' : (areas[0]?.label ?? AREA_NONE_LABEL)}
          </button>
          {area !== '' && areas.length > 1 ? (
            <button type="button" className="link" onClick={() => setPlace({ ...NO_PLACE, area })}>
              › {areas.find((a) => a.id === area)?.label}
            </button>
          ) : null}
          {buildingLabel ? (
            <button
              type="button"
              className="link"
              onClick={() => setPlace({ area, building: place.building, unit: '' })}
            >
              › {buildingLabel}
            </button>
          ) : null}
          {place.unit !== '' ? <span> › {place.unit}单元</span> : null}
        </nav>
      ) : null}
      {content}
      <button type="button" className="big outside" onClick={outsideSurvey}>
        名单外的地址：手填门牌填写问卷
      </button>
      {counted ? (
        <ConfirmDialog
          title="该户已计入覆盖率"
          message={`${counted.key} 已有计入覆盖率的问卷。继续填写的问卷会保存，但记为重复户，不再计数。`}
          confirmLabel="仍然填写"
          cancelLabel="返回名单"
          onCancel={() => setCounted(null)}
          onConfirm={() => {
            const h = counted;
            setCounted(null);
            startSurvey(h, true);
          }}
        />
      ) : null}
    </main>
  );
}

function TabButton({
  tab,
  current,
  onTab,
  label,
}: {
  tab: Tab;
  current: Tab;
  onTab: (tab: Tab) => void;
  label: string;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={tab === current}
      className={tab === current ? 'tab selected' : 'tab'}
      onClick={() => onTab(tab)}
    >
      {label}
    </button>
  );
}

function Choices({
  choices,
  onChoose,
}: {
  choices: readonly BrowseChoice[];
  onChoose: (id: string) => void;
}) {
  return (
    <ul className="choices">
      {choices.map((c) => (
        <li key={c.id}>
          <button type="button" onClick={() => onChoose(c.id)}>
            <span>{c.label}</span>
            <span className="muted">
              待访 {c.open} / {c.total} 户
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
