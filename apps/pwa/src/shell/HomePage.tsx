import { lazy, Suspense, useEffect, useState } from 'react';
import type { User } from '../api/types.ts';
import { newId } from '../outbox/ids.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { OFFLINE_MESSAGES, offlineSupport } from '../ui/offline-support.ts';
import { hrefOf } from '../ui/route.ts';
import { checkStorage } from '../ui/storage.ts';
import { DraftList } from './collector-screens.ts';
import { warmVisitList } from './visit-list-loader.ts';

// Loaded after the first screen: the figures arrive with (or after) the network anyway.
const FieldProgress = lazy(() => import('../progress/FieldProgress.tsx'));

const ROLE_NAMES = {
  admin: '管理员',
  coordinator: '考核专班',
  canvasser: '采集员',
  interviewer: '访谈员',
  department_scorer: '部门评分员',
} as const;

export function HomePage({
  user,
  communityName,
  onLogout,
}: {
  user: User;
  communityName: (code: string) => string;
  onLogout: () => void;
}) {
  const [storageWarning, setStorageWarning] = useState<string | null>(null);
  const support = offlineSupport();
  useEffect(() => {
    // Over plain http there is no storage manager at all: the https sentence says why.
    if (support === 'insecure') return;
    void checkStorage().then((health) => setStorageWarning(health.warning));
  }, [support]);
  // Interviews are held alongside the questionnaire, so an interviewer can fill both.
  const surveys = true;
  const interviews = user.role !== 'canvasser';
  const coordinator = user.role === 'coordinator' || user.role === 'admin';
  const fieldStaff = user.role === 'canvasser' || user.role === 'interviewer';
  const { db } = useOutbox();
  const communities = user.communities.join('\n');
  useEffect(() => {
    if (!fieldStaff) return;
    // After the first screen has shown: the list's code and stored lists, ahead of the tap.
    const timer = setTimeout(() => {
      void warmVisitList(db, communities.split('\n')).catch(() => {});
    }, 1_000);
    return () => clearTimeout(timer);
  }, [fieldStaff, db, communities]);
  return (
    <main className="home">
      <p className="greeting">
        {user.displayName}（{ROLE_NAMES[user.role]}）
      </p>
      {support !== 'ok' ? (
        <p className="warning" role="alert">
          {OFFLINE_MESSAGES[support]}
        </p>
      ) : null}
      {storageWarning ? (
        <p className="warning" role="alert">
          {storageWarning}
        </p>
      ) : null}
      {fieldStaff ? (
        <Suspense fallback={null}>
          <FieldProgress user={user} />
        </Suspense>
      ) : null}
      <nav className="actions">
        {fieldStaff ? (
          <a className="button primary big" href={hrefOf({ name: 'visits', code: '' })}>
            走访名单
          </a>
        ) : null}
        {surveys ? (
          <a className="button primary big" href={hrefOf({ name: 'survey', id: newId() })}>
            填写满意度问卷
          </a>
        ) : null}
        {interviews ? (
          <a className="button primary big" href={hrefOf({ name: 'interview', id: newId() })}>
            记录特殊群体访谈
          </a>
        ) : null}
        <a className="button big" href={hrefOf({ name: 'outbox' })}>
          未上传的记录
        </a>
        {coordinator ? (
          <a className="button big" href={hrefOf({ name: 'dashboard' })}>
            覆盖率看板
          </a>
        ) : null}
        {coordinator ? (
          <a className="button big" href={hrefOf({ name: 'assessment' })}>
            综合考核（附件2）
          </a>
        ) : null}
        {coordinator ? (
          <a className="button big" href={hrefOf({ name: 'print', path: '' })}>
            打印二维码海报与纸质问卷
          </a>
        ) : null}
      </nav>
      {/* Drafts come from IndexedDB a moment after the buttons either way. */}
      <Suspense fallback={null}>
        <DraftList collector={user.username} communityName={communityName} />
      </Suspense>
      <div className="account-links">
        <a className="button link" href={hrefOf({ name: 'password' })}>
          修改密码
        </a>
        <button type="button" className="link" onClick={onLogout}>
          退出登录
        </button>
      </div>
    </main>
  );
}
