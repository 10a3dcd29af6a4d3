import type { CreateYearBody } from '@jiuting/api-contract';
import { useState } from 'react';
import type { User } from '../api/types.ts';
import { hrefOf } from '../ui/route.ts';
import { useAssessmentWrite, useYears } from './assessment-api.ts';
import { CoordinatorView } from './CoordinatorView.tsx';
import { CHOOSABLE_VERSIONS, versionLabel } from './questionnaire-labels.ts';
import { ScorerView } from './ScorerView.tsx';
import './assessment.css';

// The comprehensive assessment (附件2), loaded with React.lazy only for department scorers,
// coordinators and admins: none of it is in a canvasser's first download.

export default function AssessmentPage({
  user,
  onLogout,
}: {
  user: User;
  /** Given where this page is the person's home (a department scorer's): their way out. */
  onLogout?: () => void;
}) {
  const years = useYears();
  const [chosen, setChosen] = useState<number | null>(null);
  const coordinator = user.role === 'coordinator' || user.role === 'admin';
  if (years.isPending) return <p className="loading">正在加载年度考核…</p>;
  if (years.isError) return <p className="warning">无法加载年度考核：{years.error.message}</p>;
  const list = years.data.years;
  const year = list.find((y) => y.year === chosen) ?? list[0];
  return (
    <main className="assessment">
      <div className="assessment-head">
        <h1>居民区组织综合性考核</h1>
        {list.length > 1 ? (
          <select
            aria-label="考核年度"
            value={year?.year}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {list.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year} 年{y.state === 'locked' ? '（已锁定）' : ''}
              </option>
            ))}
          </select>
        ) : null}
        {coordinator ? <CreateYear existing={list.map((y) => y.year)} /> : null}
        {/* A department scorer never sees the home page: their own password is changed, and they
            sign out, from here. */}
        {user.role === 'department_scorer' ? (
          <a className="button link" href={hrefOf({ name: 'password' })}>
            修改密码
          </a>
        ) : null}
        {onLogout ? (
          <button type="button" className="link" onClick={onLogout}>
            退出登录
          </button>
        ) : null}
      </div>
      {!year ? (
        <p className="empty">
          {coordinator ? '还没有年度考核，请先创建。' : '考核专班还没有创建年度考核。'}
        </p>
      ) : user.role === 'department_scorer' ? (
        <ScorerView year={year.year} />
      ) : coordinator ? (
        <CoordinatorView year={year} />
      ) : (
        <p className="warning">只有部门评分员和考核专班可以使用综合考核。</p>
      )}
    </main>
  );
}

function CreateYear({ existing }: { existing: readonly number[] }) {
  const next = new Date().getFullYear();
  const [value, setValue] = useState(String(existing.includes(next) ? next + 1 : next));
  // '': the version the year before used (the server's default).
  const [version, setVersion] = useState('');
  const create = useAssessmentWrite<CreateYearBody>('POST', '/api/assessment/years');
  const opening = existing.length > 0;
  return (
    <details className="create-year">
      <summary>{opening ? '开启新年度' : '创建年度考核'}</summary>
      <input
        type="number"
        inputMode="numeric"
        aria-label="年度"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <select
        aria-label="新年度的问卷版本"
        value={version}
        onChange={(e) => setVersion(e.target.value)}
      >
        <option value="">{opening ? '问卷版本：沿用上一年度' : '问卷版本：默认'}</option>
        {CHOOSABLE_VERSIONS.map((q) => (
          <option key={q.version} value={q.version}>
            {versionLabel(q)}
          </option>
        ))}
      </select>
      {opening ? (
        <p className="muted">
          开启后：年度设置和等次规则从上一年度复制；各居民区的扫码二维码全部更换，旧海报扫码将显示“本年度测评已结束”，请重新打印海报。上一年度仍可查看，锁定前仍接收其补传的记录。
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() =>
          create.mutate({
            year: Number(value),
            ...(version === '' ? {} : { questionnaireVersion: Number(version) }),
          })
        }
      >
        {opening ? '开启' : '创建'}
      </button>
      {create.error ? <span className="field-error">{create.error.message}</span> : null}
    </details>
  );
}
