import type { LoginAnswer } from '@jiuting/api-contract';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError, OfflineError } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { rememberUser, type Session } from '../api/session.ts';
import { loginHint } from '../ui/offline-support.ts';

// The form is drawn first by the first screen (Boot.tsx) and drawn again when the rest of the app
// has loaded: what was typed, and the field being typed in, carry over (memory only, cleared on
// signing in).
const carried: { username: string; password: string; focused: 'username' | 'password' | null } = {
  username: '',
  password: '',
  focused: null,
};

/**
 * Someone has started on the form (typed, or is in a field): the first screen then keeps its own
 * form until they have signed in, rather than swapping it for the app's under their thumbs.
 */
export function signInFormInUse(): boolean {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  return (
    carried.username !== '' ||
    carried.password !== '' ||
    (active instanceof HTMLElement && active.closest('main.login') !== null)
  );
}

/** `onSignedIn`: what else starts once signed in (the outbox sends what waited for it). */
export function LoginPage({ onSignedIn }: { onSignedIn?: () => void } = {}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState(carried.username);
  const [password, setPassword] = useState(carried.password);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  // A layout effect: its cleanup runs while the old form is still in the document.
  useLayoutEffect(() => {
    const field = carried.focused === 'username' ? usernameInput : passwordInput;
    if (carried.focused !== null) field.current?.focus();
    return () => {
      const active = document.activeElement;
      carried.focused =
        active === usernameInput.current
          ? 'username'
          : active === passwordInput.current
            ? 'password'
            : null;
    };
  }, []);
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
      carried.username = '';
      carried.password = '';
      // The form shows before /api/me has answered (useSession): its 401 may still be on the way.
      await queryClient.cancelQueries({ queryKey: queryKeys.me() });
      rememberUser(user);
      queryClient.setQueryData<Session>(queryKeys.me(), { user, offline: false });
      await queryClient.invalidateQueries({ queryKey: queryKeys.communities() });
      onSignedIn?.();
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
            ref={usernameInput}
            value={username}
            onChange={(e) => {
              // Kept at once, not in an effect: the app's own form may mount before this one's
              // effects have run, and must start from what was typed.
              carried.username = e.target.value;
              setUsername(e.target.value);
            }}
            autoComplete="username"
            autoCapitalize="none"
          />
        </label>
        <label>
          <span>密码</span>
          <input
            ref={passwordInput}
            type="password"
            value={password}
            onChange={(e) => {
              carried.password = e.target.value;
              setPassword(e.target.value);
            }}
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
