import type { CreatedUserAnswer, UsersAnswer } from '@jiuting/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import { useCommunities } from '../api/session.ts';
import { roleLabel } from './CollectorsView.tsx';
import { dashboardKeys } from './dashboard-keys.ts';
import type { StaffUser } from './dashboard-types.ts';

const FIELD_ROLES = ['canvasser', 'interviewer'];

function message(error: unknown): string {
  if (error instanceof ApiError && error.issues?.length) {
    return `${error.message}：${error.issues.map((i) => i.message).join('；')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function CommunityChecks({
  value,
  onChange,
}: {
  value: string[];
  onChange: (codes: string[]) => void;
}) {
  const communities = useCommunities(true);
  return (
    <fieldset className="community-checks">
      <legend>负责的居民区</legend>
      {(communities.data ?? []).map((c) => (
        <label key={c.code}>
          <input
            type="checkbox"
            checked={value.includes(c.code)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...value, c.code] : value.filter((code) => code !== c.code),
              )
            }
          />
          {c.name}
        </label>
      ))}
    </fieldset>
  );
}

function CreateUser({ roles }: { roles: string[] }) {
  const api = useApi();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState(roles[0] ?? 'canvasser');
  const [communities, setCommunities] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      api.json<CreatedUserAnswer>('POST', '/api/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        communities: FIELD_ROLES.includes(role) ? communities : [],
      }),
    onSuccess: () => {
      setUsername('');
      setDisplayName('');
      setCommunities([]);
      return client.invalidateQueries({ queryKey: dashboardKeys.users() });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="create-user" onSubmit={submit}>
      <h3>新建账号</h3>
      <div className="form-grid">
        <label>
          <span>用户名（登录用）</span>
          <input
            value={username}
            required
            autoComplete="off"
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          <span>姓名</span>
          <input value={displayName} required onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          <span>角色</span>
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {FIELD_ROLES.includes(role) ? (
        <CommunityChecks value={communities} onChange={setCommunities} />
      ) : null}
      <button type="submit" disabled={create.isPending}>
        新建（自动生成初始密码）
      </button>
      {create.isSuccess && create.data.password ? (
        <p className="ok-note" role="status">
          已新建 {create.data.user.displayName}（{create.data.user.username}），初始密码：
          <code>{create.data.password}</code>　此密码只显示这一次，请当面告知本人。
        </p>
      ) : null}
      {create.isError ? (
        <p className="warning" role="alert">
          {message(create.error)}
        </p>
      ) : null}
    </form>
  );
}

function UserRow({ user, editable }: { user: StaffUser; editable: boolean }) {
  const api = useApi();
  const client = useQueryClient();
  const communities = useCommunities(true);
  const [editing, setEditing] = useState(false);
  const [codes, setCodes] = useState<string[]>([...user.communities]);
  const [password, setPassword] = useState('');
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.json('PATCH', `/api/users/${encodeURIComponent(user.id)}`, body),
    onSuccess: () => {
      setPassword('');
      return Promise.all([
        client.invalidateQueries({ queryKey: dashboardKeys.users() }),
        client.invalidateQueries({ queryKey: dashboardKeys.sessions() }),
      ]);
    },
  });
  const names = user.communities
    .map((code) => communities.data?.find((c) => c.code === code)?.name ?? code)
    .join('、');
  return (
    <li className={`user-item ${user.disabled ? 'is-disabled' : ''}`}>
      <div className="user-main">
        <strong>{user.displayName}</strong>
        <span className="muted">
          {user.username} · {roleLabel(user.role)}
          {user.disabled ? ' · 已停用' : ''}
        </span>
        {FIELD_ROLES.includes(user.role) ? (
          <span className="user-communities">{names || '未分配居民区'}</span>
        ) : null}
      </div>
      {editable ? (
        <div className="row-buttons">
          <button type="button" onClick={() => setEditing(!editing)}>
            {editing ? '收起' : '修改'}
          </button>
          <button
            type="button"
            disabled={patch.isPending}
            onClick={() => patch.mutate({ disabled: !user.disabled })}
          >
            {user.disabled ? '启用' : '停用'}
          </button>
        </div>
      ) : null}
      {editing ? (
        <div className="user-edit">
          {FIELD_ROLES.includes(user.role) ? (
            <>
              <CommunityChecks value={codes} onChange={setCodes} />
              <button
                type="button"
                disabled={patch.isPending}
                onClick={() => patch.mutate({ communities: codes })}
              >
                保存居民区
              </button>
            </>
          ) : null}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              patch.mutate({ password });
            }}
          >
            <label>
              <span>新密码（至少 10 位，设置后该账号所有设备需重新登录）</span>
              <input
                type="password"
                autoComplete="new-password"
                minLength={10}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" disabled={password.length < 10 || patch.isPending}>
              重设密码
            </button>
          </form>
        </div>
      ) : null}
      {patch.isError ? <p className="field-error">{message(patch.error)}</p> : null}
      {patch.isSuccess ? <p className="ok-note">已保存</p> : null}
    </li>
  );
}

export function ManageUsers({ myRole }: { myRole: string }) {
  const api = useApi();
  const users = useQuery({
    queryKey: dashboardKeys.users(),
    queryFn: () => api.json<UsersAnswer>('GET', '/api/users'),
  });
  // A coordinator manages field staff; an admin everyone.
  const roles =
    myRole === 'admin' ? ['canvasser', 'interviewer', 'coordinator', 'admin'] : FIELD_ROLES;
  return (
    <section>
      <h2>账号</h2>
      {users.isPending ? (
        <p className="loading">正在加载…</p>
      ) : users.isError ? (
        <p className="warning">无法加载：{users.error.message}</p>
      ) : (
        <ul className="user-list">
          {users.data.users.map((u) => (
            <UserRow key={u.id} user={u} editable={roles.includes(u.role)} />
          ))}
        </ul>
      )}
      <CreateUser roles={roles} />
    </section>
  );
}
