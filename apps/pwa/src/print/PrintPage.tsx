import type { StaffCommunity } from '@jiuting/api-contract';
import { questionnaireOrCurrent } from '@jiuting/questionnaire';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/query-keys.ts';
import { useServerHealth } from '../api/server-health.ts';
import type { Session } from '../api/session.ts';
import type { Community } from '../api/types.ts';
import { PaperQuestionnaire } from './PaperQuestionnaire.tsx';
import { Poster } from './Poster.tsx';
import { posterAddress } from './poster-address.ts';
import { ALL_COMMUNITIES, parsePrintPath, printHref } from './print-route.ts';
import './print.css';

// Coordinator-only and lazy-loaded (with the qrcode package): what the office prints — one A4
// poster per community for the notice board, and the blank paper questionnaire.

/** GET /api/communities for a coordinator carries each community's current QR token. */
export type PrintableCommunity = Community & Pick<StaffCommunity, 'qrToken'>;

// Under the shared communities key, so invalidating the communities (a token rotated on the
// dashboard) refetches this too; never from the offline copy, whose tokens may be old.
export const PRINT_COMMUNITIES_KEY = ['communities', 'with-qr-token'] as const;

function Toolbar({ title }: { title: string }) {
  return (
    <div className="print-toolbar no-print">
      <a className="button" href={printHref({ kind: 'index' })}>
        ← 返回
      </a>
      <span className="print-title">{title}</span>
      <button type="button" className="primary" onClick={() => window.print()}>
        打印
      </button>
    </div>
  );
}

export default function PrintPage({ path }: { path: string }) {
  const api = useApi();
  const route = parsePrintPath(path);
  const communities = useQuery({
    queryKey: PRINT_COMMUNITIES_KEY,
    queryFn: async () =>
      (await api.json<{ communities: PrintableCommunity[] }>('GET', '/api/communities'))
        .communities,
    staleTime: 0,
  });
  const health = useServerHealth();
  // The edition the open year uses, from the session the app shell loaded (/api/me).
  const questionnaire = questionnaireOrCurrent(
    useQueryClient().getQueryData<Session>(queryKeys.me())?.questionnaireVersion,
  );

  if (route.kind === 'paper' && route.code === null) {
    return (
      <main className="print-page">
        <Toolbar title="空白纸质问卷" />
        <PaperQuestionnaire communityName={null} questionnaire={questionnaire} />
      </main>
    );
  }
  // Not a single poster with a provisional address: wait for the server's PUBLIC_URL.
  if (communities.isPending || health.isPending) return <p className="loading">正在加载居民区…</p>;
  if (communities.isError) {
    return <p className="warning">无法加载居民区列表：{communities.error.message}</p>;
  }
  const list = communities.data;
  const address = posterAddress(health.data?.publicUrl, location.origin);
  const addressWarning = address.warning ? (
    <p className="address-warning" role="alert">
      {address.warning}
    </p>
  ) : null;

  if (route.kind === 'index') {
    return (
      <main className="print-page">
        <h1>打印二维码海报与纸质问卷</h1>
        {addressWarning}
        <p className="hint">
          海报上的二维码对应该居民区当前的链接；在看板上更换二维码后，旧海报立即失效，需重新打印张贴。
        </p>
        <nav className="print-actions">
          <a className="button" href={printHref({ kind: 'poster', code: ALL_COMMUNITIES })}>
            打印全部居民区海报（每页一张）
          </a>
          <a className="button" href={printHref({ kind: 'paper', code: null })}>
            打印空白纸质问卷
          </a>
        </nav>
        <ul className="print-list">
          {list.map((c) => (
            <li key={c.code}>
              <span className="print-name">{c.name}</span>
              <a href={printHref({ kind: 'poster', code: c.code })}>海报</a>
              <a href={printHref({ kind: 'paper', code: c.code })}>纸质问卷</a>
            </li>
          ))}
        </ul>
      </main>
    );
  }

  const chosen = route.code === ALL_COMMUNITIES ? list : list.filter((c) => c.code === route.code);
  if (chosen.length === 0 || route.code === null) {
    return <p className="warning">没有这个居民区。</p>;
  }
  if (route.kind === 'paper') {
    const community = chosen[0] as PrintableCommunity;
    return (
      <main className="print-page">
        <Toolbar title={`${community.name} 纸质问卷`} />
        <PaperQuestionnaire communityName={community.name} questionnaire={questionnaire} />
      </main>
    );
  }
  const missing = chosen.filter((c) => !c.qrToken);
  return (
    <main className="print-page">
      <Toolbar
        title={route.code === ALL_COMMUNITIES ? '全部居民区海报' : `${chosen[0]?.name} 海报`}
      />
      {addressWarning}
      {missing.length > 0 ? (
        <p className="warning no-print">
          只有考核专班账号能读取二维码链接：{missing.map((c) => c.name).join('、')} 没有链接。
        </p>
      ) : null}
      {chosen.map((c) =>
        c.qrToken ? (
          <Poster
            key={c.code}
            communityName={c.name}
            token={c.qrToken}
            origin={address.origin}
            addressWarning={address.warning}
          />
        ) : null,
      )}
    </main>
  );
}
