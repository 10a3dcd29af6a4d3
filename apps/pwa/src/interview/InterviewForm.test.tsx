import { PERSONAL_IDENTIFIER_MESSAGE } from '@jiuting/questionnaire';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { User } from '../api/types.ts';
import { freshDb, interviewItem, queueItems } from '../outbox/outbox.test-kit.ts';
import { InterviewForm } from './InterviewForm.tsx';
import { InterviewPage } from './InterviewPage.tsx';
import { emptyInterviewValues } from './interview-values.ts';

const ID = '7a2d3b5f-2222-4333-9444-a55566667777';
const USER: User = {
  id: 'u2',
  username: 'interviewer1',
  displayName: '李访谈',
  role: 'interviewer',
  communities: ['DEMO01'],
};

function group(name: string): HTMLElement {
  return screen.getByRole('group', { name });
}

/** A new interview for DEMO01, on a fresh database unless one is given. */
function renderForm(onSaved = vi.fn(), db = freshDb()) {
  return renderWithApp(
    <InterviewForm
      id={ID}
      initial={emptyInterviewValues('DEMO01')}
      communities={COMMUNITIES}
      onSaved={onSaved}
    />,
    db,
  );
}

describe('the interview form', () => {
  test('has no field for a name, an ID number or a phone number', () => {
    renderForm();
    const fields = [...document.querySelectorAll('input, textarea, select')];
    const names = fields.map(
      (field) => field.closest('label')?.textContent ?? field.getAttribute('aria-label') ?? '',
    );
    for (const name of names) expect(name).not.toMatch(/姓名|身份证|电话号码|手机/);
    expect(fields.some((f) => (f as HTMLInputElement).type === 'tel')).toBe(false);
  });

  test('flags the required choices in Chinese and refuses a phone number typed into the notes', async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    renderForm(onSaved);
    await user.type(screen.getByLabelText('备注'), '联系电话13812345678');
    await user.click(screen.getByRole('button', { name: '提交' }));
    expect(within(group('访谈对象类别')).getByRole('alert').textContent).toBe('请选择访谈对象类别');
    expect(within(group('访谈方式')).getByRole('alert').textContent).toBe('请选择访谈方式');
    expect(within(group('对居委会工作的评价')).getByRole('alert').textContent).toBe(
      '请选择对居委会工作的评价',
    );
    expect(screen.getByText(PERSONAL_IDENTIFIER_MESSAGE)).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  test('a complete interview is queued with the view on question 8’s printed letters', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const onSaved = vi.fn();
    renderForm(onSaved, db);
    await user.click(within(group('访谈对象类别')).getByRole('radio', { name: '高龄独居老人' }));
    await user.click(within(group('访谈方式')).getByRole('radio', { name: '上门访谈' }));
    await user.click(
      within(group('对居委会工作的评价')).getByRole('radio', { name: 'B. 比较满意' }),
    );
    await user.type(screen.getByLabelText('居民需求'), '希望有助餐点');
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect((await db.items.get(ID))?.payload).toMatchObject({
      kind: 'interview',
      communityCode: 'DEMO01',
      group: 'elderly_living_alone',
      method: 'home',
      view: 'B',
      needs: '希望有助餐点',
    });
  });

  test('shows the community’s progress toward 20 interviews from what this phone recorded', async () => {
    const db = freshDb();
    await queueItems(db, [
      interviewItem(),
      interviewItem({ group: 'disabled_resident' }),
      interviewItem({ communityCode: 'DEMO02' }),
    ]);
    renderForm(vi.fn(), db);
    await waitFor(() =>
      expect(screen.getByText(/已访谈/).textContent).toMatch(/已访谈 2 \/ 20 人，还差 18 人/),
    );
    expect(screen.getByText('高龄独居老人 1')).toBeTruthy();
    expect(screen.getByText('残疾居民 1')).toBeTruthy();
  });

  test('a half-filled interview comes back after the page is closed and reopened', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const first = renderWithApp(
      <InterviewPage id={ID} user={USER} communities={COMMUNITIES} />,
      db,
    );
    await screen.findByRole('button', { name: '提交' });
    await user.click(within(group('访谈方式')).getByRole('radio', { name: '电话访谈' }));
    await user.type(screen.getByLabelText('反映的问题'), '楼道灯坏了');
    first.unmount();
    await waitFor(async () => expect((await db.items.get(ID))?.state).toBe('draft'));

    renderWithApp(<InterviewPage id={ID} user={USER} communities={COMMUNITIES} />, db);
    await screen.findByRole('button', { name: '提交' });
    expect(
      (within(group('访谈方式')).getByRole('radio', { name: '电话访谈' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect((screen.getByLabelText('反映的问题') as HTMLTextAreaElement).value).toBe('楼道灯坏了');
  });

  test('a submitted interview opens as a notice, not as a form to change', async () => {
    const db = freshDb();
    const [id = ''] = await queueItems(db, [interviewItem()], Date.now(), USER.username);
    renderWithApp(<InterviewPage id={id} user={USER} communities={COMMUNITIES} />, db);
    expect(await screen.findByText('这条访谈记录已提交，不能再修改。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交' })).toBeNull();
  });

  test('an interview the server sent back reopens with its reason above the form', async () => {
    const db = freshDb();
    const [id = ''] = await queueItems(db, [interviewItem()], Date.now(), USER.username);
    await db.items.update(id, {
      state: 'rejected',
      reason: { status: 'rejected', error: 'validation_failed', message: '访谈日期不能晚于今天' },
    });
    renderWithApp(<InterviewPage id={id} user={USER} communities={COMMUNITIES} />, db);
    await screen.findByRole('button', { name: '提交' });
    expect(screen.getByText(/^服务器退回/).textContent).toBe(
      '服务器退回：访谈日期不能晚于今天。改好后重新提交。',
    );
  });

  test('a resumed draft whose untouched choices were stored as null submits once they are made, and each message goes as its choice is made', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    // What Chromium's react-hook-form autosaved for a half-filled interview.
    await db.items.add({
      id: ID,
      kind: 'interview',
      state: 'draft',
      communityCode: 'DEMO01',
      form: { ...emptyInterviewValues('DEMO01'), group: null, method: null, view: null },
      createdAt: 1,
      updatedAt: 1,
      attempts: 0,
    });
    renderWithApp(<InterviewPage id={ID} user={USER} communities={COMMUNITIES} />, db);
    await user.click(await screen.findByRole('button', { name: '提交' }));
    expect(within(group('访谈方式')).getByRole('alert').textContent).toBe('请选择访谈方式');
    expect(within(group('访谈对象类别')).getByRole('alert').textContent).toBe('请选择访谈对象类别');

    await user.click(within(group('访谈方式')).getByRole('radio', { name: '上门访谈' }));
    await waitFor(() => expect(within(group('访谈方式')).queryByRole('alert')).toBeNull());
    expect(within(group('访谈对象类别')).getByRole('alert').textContent).toBe('请选择访谈对象类别');

    await user.click(within(group('访谈对象类别')).getByRole('radio', { name: '高龄独居老人' }));
    await user.click(
      within(group('对居委会工作的评价')).getByRole('radio', { name: 'B. 比较满意' }),
    );
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(async () => expect((await db.items.get(ID))?.state).toBe('queued'));
  });
});
