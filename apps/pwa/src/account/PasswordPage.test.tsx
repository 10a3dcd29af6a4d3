import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { type Handler, renderWithFakeServer } from '../../test/fake-server.tsx';
import PasswordPage from './PasswordPage.tsx';

const NEW_PASSWORD = 'lantern-river-okra-37';

function refusal(path: string, message: string) {
  return {
    status: 400,
    body: {
      error: 'validation_failed',
      message: '提交的内容有误，请按提示修改',
      issues: [{ path, message }],
    },
  };
}

async function fill(current: string, next: string, repeat = next) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('当前密码'), current);
  await user.type(screen.getByLabelText(/^新密码/), next);
  await user.type(screen.getByLabelText('再次输入新密码'), repeat);
  await user.click(screen.getByRole('button', { name: '修改密码' }));
}

/** The message a field's box is described by (shown under it), if any. */
function messageOf(label: string | RegExp): string | undefined {
  const described = screen.getByLabelText(label).getAttribute('aria-describedby');
  return described ? (document.getElementById(described)?.textContent ?? undefined) : undefined;
}

const answering =
  (answer: ReturnType<Handler>): Handler =>
  (call) =>
    call.path === '/api/auth/password' && call.method === 'POST' ? answer : undefined;

describe('修改密码', () => {
  test('says that other phones and computers must sign in again and keep their unsent records', () => {
    renderWithFakeServer(<PasswordPage />, () => undefined);
    const note = screen.getByText(/其他手机和电脑/).textContent ?? '';
    expect(note).toContain('重新登录');
    expect(note).toContain('未上传的记录仍保留在该设备上');
  });

  test('sends the current and the new password, and says how many other devices were signed out', async () => {
    const { server } = renderWithFakeServer(
      <PasswordPage />,
      answering({ body: { otherSessionsEnded: 2 } }),
    );
    await fill('my-old-password', NEW_PASSWORD);
    const done = await screen.findByRole('status');
    expect(done.textContent).toContain('密码已修改');
    expect(done.textContent).toContain('2 台手机或电脑已退出登录');
    expect(server.calls).toEqual([
      {
        method: 'POST',
        path: '/api/auth/password',
        body: { currentPassword: 'my-old-password', newPassword: NEW_PASSWORD },
      },
    ]);
  });

  test('shows the server’s refusal of the current password on the 当前密码 field', async () => {
    renderWithFakeServer(<PasswordPage />, answering(refusal('currentPassword', '当前密码不正确')));
    await fill('wrong-password', NEW_PASSWORD);
    await waitFor(() => expect(messageOf('当前密码')).toBe('当前密码不正确'));
    expect(messageOf(/^新密码/)).toBeUndefined();
    expect(screen.queryByRole('status')).toBeNull();
  });

  test('shows a too-common new password refused by the server on the 新密码 field', async () => {
    renderWithFakeServer(
      <PasswordPage />,
      answering(refusal('newPassword', '密码太常见或太有规律，请换一个更难猜的密码')),
    );
    await fill('my-old-password', 'password12');
    await waitFor(() => expect(messageOf(/^新密码/)).toContain('密码太常见'));
    expect(messageOf('当前密码')).toBeUndefined();
  });

  test('refuses a repeat that differs, or a short new password, before asking the server', async () => {
    const { server } = renderWithFakeServer(<PasswordPage />, answering({ body: {} }));
    await fill('my-old-password', NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(messageOf('再次输入新密码')).toBe('两次输入的新密码不一致');
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^新密码/));
    await user.type(screen.getByLabelText(/^新密码/), 'short');
    await user.click(screen.getByRole('button', { name: '修改密码' }));
    expect(messageOf(/^新密码/)).toBe('新密码至少 10 位');
    expect(server.calls).toEqual([]);
  });

  test('says so when the server cannot be reached, and keeps what was typed', async () => {
    renderWithFakeServer(<PasswordPage />, answering({ status: 503, body: undefined }));
    await fill('my-old-password', NEW_PASSWORD);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '无法连接服务器，请联网后再修改密码',
    );
    expect((screen.getByLabelText('当前密码') as HTMLInputElement).value).toBe('my-old-password');
  });
});
