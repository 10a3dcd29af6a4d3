import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { queryKeys } from '../api/query-keys.ts';
import { useCommunities, useSession } from '../api/session.ts';
import type { Community, User } from '../api/types.ts';
import { adoptOwnerless } from '../outbox/store.ts';
import { useEngineStatus, useOutbox, useUnsentSummary } from '../outbox-react/outbox-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { hrefOf, type Route, useRoute } from '../ui/route.ts';
import { useVisitListsKeptFresh } from '../visits/keep-fresh.ts';
import {
  InterviewPage,
  OutboxPage,
  preloadCollectorScreens,
  SurveyPage,
} from './collector-screens.ts';
import { Header } from './Header.tsx';
import { HomePage } from './HomePage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { registerServiceWorker, type UpdateHandle } from './register-sw.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { useLogout } from './use-logout.ts';
import { LazyVisitListPage, loadedVisitListPage } from './visit-list-loader.ts';

// Split out: a canvasser's phone never downloads the coordinator's screens.
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.tsx'));
// The comprehensive assessment (附件2): department scorers, coordinators and admins only.
const AssessmentPage = lazy(() => import('../assessment/AssessmentPage.tsx'));
// The QR posters and paper questionnaire, with the qrcode package: coordinators only.
const PrintPage = lazy(() => import('../print/PrintPage.tsx'));
// 修改密码, with react-hook-form and the contract's zod schema: seldom opened, never on the first screen.
const PasswordPage = lazy(() => import('../account/PasswordPage.tsx'));

export function App() {
  const session = useSession();
  const route = useRoute();
  const queryClient = useQueryClient();
  const status = useEngineStatus();
  const { engine } = useOutbox();
  const [update, setUpdate] = useState<UpdateHandle | null>(null);

  useEffect(() => registerServiceWorker(setUpdate), []);
  useEffect(() => {
    // The engine met a 401: ask /api/me again, which shows the login form; the outbox waits.
    if (status.phase === 'needsLogin')
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
  }, [status.phase, queryClient]);

  const wasOffline = session.data?.offline === true;
  useEffect(() => {
    // The engine just reached the server: the remembered session can be checked again.
    if (status.phase === 'idle' && status.lastSyncAt !== undefined && wasOffline) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
    }
  }, [status.phase, status.lastSyncAt, wasOffline, queryClient]);

  const user = session.data?.user ?? null;
  const signedInAs = user?.username ?? null;
  useEffect(() => {
    // Signed in on the first screen before this app took over: what waited for a login goes now.
    if (signedInAs !== null && status.phase === 'needsLogin') void engine.syncNow();
  }, [signedInAs, status.phase, engine]);
  return (
    <div className="app">
      <Header user={user} offline={session.data?.offline ?? false} />
      {update ? <UpdatePrompt update={update} onLater={() => setUpdate(null)} /> : null}
      {session.isPending ? (
        <p className="loading">正在打开…</p>
      ) : session.isError ? (
        <p className="warning">无法读取登录状态，请刷新页面</p>
      ) : user ? (
        <SignedIn user={user} route={route} />
      ) : (
        <LoginPage onSignedIn={() => void engine.syncNow()} />
      )}
    </div>
  );
}

function SignedIn({ user, route }: { user: User; route: Route }) {
  const communitiesQuery = useCommunities(true);
  const fallback: Community[] = user.communities.map((code) => ({
    code,
    name: code,
    type: '导入居',
    totalHouseholds: 0,
  }));
  const communities = communitiesQuery.data ?? fallback;
  const communityName = (code: string) => communities.find((c) => c.code === code)?.name ?? code;
  const summary = useUnsentSummary(user.username);
  const { db, engine } = useOutbox();
  useEffect(() => {
    // Items saved before the phone recorded who collected them go to the first person to sign
    // in (see adoptOwnerless); then that person's run sends them.
    void adoptOwnerless(db, user.username).then((adopted) => {
      if (adopted > 0) void engine.syncNow();
    });
  }, [db, engine, user.username]);
  // Signed in, the forms come next: fetch them while the connection is there.
  useEffect(() => {
    if (user.role !== 'department_scorer') preloadCollectorScreens();
  }, [user.role]);
  const { logout, error } = useLogout();
  const [confirming, setConfirming] = useState(false);
  const coordinator = user.role === 'coordinator' || user.role === 'admin';
  // Field staff take their communities' visit lists with them (a coordinator's 27 are fetched
  // only when opened).
  const fieldStaff = user.role === 'canvasser' || user.role === 'interviewer';
  useVisitListsKeptFresh(user.communities, fieldStaff);

  // A department scorer collects nothing, so there is no outbox to ask about before leaving.
  const scorerLogout = user.role === 'department_scorer' ? () => void logout() : undefined;
  const page = (() => {
    switch (route.name) {
      case 'survey':
        return (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <SurveyPage id={route.id} user={user} communities={communities} />
          </Suspense>
        );
      case 'interview':
        return (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <InterviewPage id={route.id} user={user} communities={communities} />
          </Suspense>
        );
      case 'visits': {
        // Its screens and rules load after the first screen (see visit-list-loader.ts).
        const Loaded = loadedVisitListPage();
        return Loaded ? (
          <Loaded user={user} communities={communities} code={route.code} />
        ) : (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <LazyVisitListPage user={user} communities={communities} code={route.code} />
          </Suspense>
        );
      }
      case 'outbox':
        return (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <OutboxPage user={user} communityName={communityName} />
          </Suspense>
        );
      case 'dashboard':
        return coordinator ? (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <DashboardPage />
          </Suspense>
        ) : (
          <p className="warning">只有考核专班可以查看看板。</p>
        );
      case 'print':
        return coordinator ? (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <PrintPage path={route.path} />
          </Suspense>
        ) : (
          <p className="warning">只有考核专班可以打印二维码海报。</p>
        );
      case 'assessment':
        return coordinator || user.role === 'department_scorer' ? (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <AssessmentPage user={user} onLogout={scorerLogout} />
          </Suspense>
        ) : (
          <p className="warning">只有部门评分员和考核专班可以使用综合考核。</p>
        );
      case 'password':
        return (
          <Suspense fallback={<p className="loading">正在加载…</p>}>
            <PasswordPage />
          </Suspense>
        );
      default:
        // A department scorer has nothing else to do here: their items are their home.
        if (user.role === 'department_scorer') {
          return (
            <Suspense fallback={<p className="loading">正在加载…</p>}>
              <AssessmentPage user={user} onLogout={scorerLogout} />
            </Suspense>
          );
        }
        return (
          <HomePage
            user={user}
            communityName={communityName}
            onLogout={() => ((summary?.unsent ?? 1) > 0 ? setConfirming(true) : void logout())}
          />
        );
    }
  })();

  return (
    <>
      <ErrorBoundary key={hrefOf(route)}>{page}</ErrorBoundary>
      {error ? (
        <p className="warning" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title="还有记录未上传"
          message={`本机还有 ${summary?.unsent ?? '若干'} 条记录未上传。退出后它们仍保留在本机，您本人重新登录后继续上传，其他人登录时既看不到也不会上传。确定退出？`}
          confirmLabel="仍然退出"
          cancelLabel="先不退出"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void logout();
          }}
        />
      ) : null}
    </>
  );
}
