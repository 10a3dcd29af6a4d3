import type { LoginAnswer } from '@jiuting/api-contract';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError, OfflineError } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { rememberUser, type Session } from '../api/session.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { loginHint } from '../ui/offline-support.ts';

export function LoginPage() {
  const api = useApi();
  const { engine } = useOutbox();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError('请输入账号和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.json<LoginAnswer>('POST', '/api/auth/login', {
        username: username.trim(),
        password,
      });
      rememberUser(user);
      queryClient.setQueryData<Session>(queryKeys.me(), { user, offline: false });
      await queryClient.invalidateQueries({ queryKey: queryKeys.communities() });
      void engine.syncNow();
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught.message);
      else if (caught instanceof OfflineError) setError('无法连接服务器，请联网后再登录');
      else setError('登录失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>九亭镇满意度测评</h1>
      <p className="subtitle">采集员 · 访谈员 · 考核专班</p>
      <form onSubmit={onSubmit} noValidate>
        <label>
          <span>账号</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
          />
        </label>
        <label>
          <span>密码</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
      <p className="hint">{loginHint()}</p>
    </main>
  );
}
