import { useEffect, useState } from 'react';
import { useSession } from '../api/session.ts';
import { CollectorsView } from './CollectorsView.tsx';
import { DashboardYearProvider, YearPicker } from './dashboard-year.tsx';
import { ExportView } from './ExportView.tsx';
import { FeedbackView } from './FeedbackView.tsx';
import { ManageCommunities } from './ManageCommunities.tsx';
import { ManageSessions } from './ManageSessions.tsx';
import { ManageUsers } from './ManageUsers.tsx';
import { OutboxImport } from './OutboxImport.tsx';
import { OverviewView } from './OverviewView.tsx';
import { QualityView } from './QualityView.tsx';
import { RegisterView } from './RegisterView.tsx';
import { ReviewView } from './ReviewView.tsx';
import { ServerWarnings } from './ServerWarnings.tsx';
import './dashboard.css';

// The coordinators' dashboard, loaded with React.lazy only for coordinators and admins: none of
// it is in a canvasser's download. Each view has its own hash (#/dashboard/review, …) so a
// reload or a bookmark opens the same view.

export const VIEWS = {
  overview: '总览',
  collectors: '采集员',
  register: '户册',
  feedback: '居民意见',
  review: '审核',
  quality: '数据质量',
  manage: '管理',
  export: '导出',
} as const;
export type DashboardView = keyof typeof VIEWS;

export function viewOf(hash: string): DashboardView {
  const sub = hash.replace(/^#\/?/, '').split('/')[1] ?? '';
  return sub in VIEWS ? (sub as DashboardView) : 'overview';
}

function useView(): DashboardView {
  const [view, setView] = useState(() => viewOf(location.hash));
  useEffect(() => {
    const onChange = () => setView(viewOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return view;
}

const MANAGE_PARTS = {
  communities: '居民区与二维码',
  users: '账号',
  sessions: '登录设备',
  outbox: '导入待上传文件',
} as const;

function ManageView() {
  const session = useSession();
  const [part, setPart] = useState<keyof typeof MANAGE_PARTS>('communities');
  return (
    <>
      <nav className="segmented" aria-label="管理">
        {Object.entries(MANAGE_PARTS).map(([key, label]) => (
          <button
            key={key}
            type="button"
            aria-pressed={part === key}
            onClick={() => setPart(key as keyof typeof MANAGE_PARTS)}
          >
            {label}
          </button>
        ))}
      </nav>
      {part === 'communities' ? <ManageCommunities /> : null}
      {part === 'users' ? <ManageUsers myRole={session.data?.user?.role ?? 'coordinator'} /> : null}
      {part === 'sessions' ? <ManageSessions /> : null}
      {part === 'outbox' ? <OutboxImport /> : null}
    </>
  );
}

export default function DashboardPage() {
  const view = useView();
  return (
    <DashboardYearProvider>
      <DashboardBody view={view} />
    </DashboardYearProvider>
  );
}

function DashboardBody({ view }: { view: DashboardView }) {
  return (
    <main className="dashboard-page">
      <header className="dashboard-header">
        <h1>考核专班看板</h1>
        <YearPicker />
      </header>
      <ServerWarnings />
      <nav className="dashboard-tabs" aria-label="看板">
        {Object.entries(VIEWS).map(([key, label]) => (
          <a key={key} href={`#/dashboard/${key}`} aria-current={key === view ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {view === 'overview' ? <OverviewView /> : null}
      {view === 'collectors' ? <CollectorsView /> : null}
      {view === 'register' ? <RegisterView /> : null}
      {view === 'feedback' ? <FeedbackView /> : null}
      {view === 'review' ? <ReviewView /> : null}
      {view === 'quality' ? <QualityView /> : null}
      {view === 'manage' ? <ManageView /> : null}
      {view === 'export' ? <ExportView /> : null}
    </main>
  );
}
