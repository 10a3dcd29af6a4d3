import { zodResolver } from '@hookform/resolvers/zod';
import {
  type ChangePasswordAnswer,
  type ChangePasswordBody,
  ChangePasswordBodySchema,
} from '@jiuting/api-contract/password';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type UseFormRegister, useForm } from 'react-hook-form';
import { z } from 'zod';
import { useApi } from '../api/api-context.tsx';
import { ApiError, OfflineError } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { hrefOf } from '../ui/route.ts';
import './account.css';

// The server's own rules (and messages) for the two passwords, and the repeat checked here: what
// only the server knows (the current password, a common new one) comes back on the same fields.
const PasswordFormSchema = ChangePasswordBodySchema.extend({
  repeatPassword: z.string().max(256, '新密码不能超过 256 位'),
}).refine((values) => values.repeatPassword === values.newPassword, {
  path: ['repeatPassword'],
  message: '两次输入的新密码不一致',
});
type PasswordForm = z.infer<typeof PasswordFormSchema>;

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** 修改密码 (#/password): for everyone signed in, department scorers included. */
export default function PasswordPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [otherSessionsEnded, setOtherSessionsEnded] = useState<number | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordForm>({
    resolver: zodResolver(PasswordFormSchema),
    defaultValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
  });

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      const body: ChangePasswordBody = { currentPassword, newPassword };
      const answer = await api.json<ChangePasswordAnswer>('POST', '/api/auth/password', body);
      reset();
      setOtherSessionsEnded(answer.otherSessionsEnded);
    } catch (caught) {
      if (caught instanceof ApiError) {
        const onFields = (caught.issues ?? []).filter((issue) =>
          (FIELDS as readonly string[]).includes(issue.path),
        );
        for (const issue of onFields) {
          setError(issue.path as (typeof FIELDS)[number], { message: issue.message });
        }
        if (onFields.length === 0) setError('root', { message: caught.message });
        // Signed out meanwhile: /api/me answers 401 again and the login form shows.
        if (caught.status === 401) void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      } else if (caught instanceof OfflineError) {
        setError('root', { message: '无法连接服务器，请联网后再修改密码' });
      } else {
        setError('root', { message: '修改密码失败，请稍后再试' });
      }
    }
  });

  if (otherSessionsEnded !== null) {
    return (
      <main className="password-page">
        <h1>修改密码</h1>
        <p className="password-done" role="status">
          密码已修改。本机仍保持登录
          {otherSessionsEnded > 0
            ? `；另有 ${otherSessionsEnded} 台手机或电脑已退出登录，需用新密码重新登录。`
            : '。'}
        </p>
        <a className="button primary big" href={hrefOf({ name: 'home' })}>
          返回首页
        </a>
      </main>
    );
  }

  return (
    <main className="password-page">
      <h1>修改密码</h1>
      <p className="hint">
        修改后，您在其他手机和电脑上的登录会失效，需用新密码重新登录；那些设备上未上传的记录仍保留在该设备上，重新登录后继续上传。
      </p>
      <form onSubmit={onSubmit} noValidate>
        <PasswordField
          name="currentPassword"
          label="当前密码"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          register={register}
        />
        <PasswordField
          name="newPassword"
          label="新密码（至少 10 位，不要用常见密码）"
          autoComplete="new-password"
          error={errors.newPassword?.message}
          register={register}
        />
        <PasswordField
          name="repeatPassword"
          label="再次输入新密码"
          autoComplete="new-password"
          error={errors.repeatPassword?.message}
          register={register}
        />
        <FieldMessage message={errors.root?.message} />
        <button type="submit" className="primary big" disabled={isSubmitting}>
          {isSubmitting ? '正在修改…' : '修改密码'}
        </button>
      </form>
      <a className="button link" href={hrefOf({ name: 'home' })}>
        返回
      </a>
    </main>
  );
}

/** One password box; its message, outside the label, is read out as its description. */
function PasswordField({
  name,
  label,
  autoComplete,
  error,
  register,
}: {
  name: keyof PasswordForm;
  label: string;
  autoComplete: 'current-password' | 'new-password';
  error: string | undefined;
  register: UseFormRegister<PasswordForm>;
}) {
  const messageId = `${name}-message`;
  return (
    <div className={error ? 'password-field has-error' : 'password-field'}>
      <label>
        <span>{label}</span>
        <input
          type="password"
          autoComplete={autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? messageId : undefined}
          {...register(name)}
        />
      </label>
      <FieldMessage id={messageId} message={error} />
    </div>
  );
}

function FieldMessage({ id, message }: { id?: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" role="alert" id={id}>
      {message}
    </p>
  ) : null;
}
