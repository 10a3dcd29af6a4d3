import { QUESTIONS } from '@jiuting/questionnaire';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { SurveyPage } from './SurveyPage.tsx';
import { emptySurveyValues } from './survey-values.ts';

const ID = '6f1c2a4e-1111-4222-8333-944455556666';

function question(number: number): HTMLElement {
  return screen.getByRole('group', { name: new RegExp(`^${number}、`) });
}

function option(number: number, label: string): HTMLInputElement {
  return within(question(number)).getByRole(number >= 10 ? 'checkbox' : 'radio', { name: label });
}

function renderForm(onSaved = vi.fn()) {
  const view = renderWithApp(
    <SurveyForm
      id={ID}
      initial={emptySurveyValues('DEMO01')}
      communities={COMMUNITIES}
      collectedBy="canvasser1"
      onSaved={onSaved}
    />,
  );
  return { ...view, onSaved };
}

async function answerAll(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('楼号'), '12');
  await user.type(screen.getByLabelText('室号'), '301');
  for (const q of QUESTIONS.filter((q) => q.kind === 'single')) {
    await user.click(option(q.number, `${q.options[0]?.letter}. ${q.options[0]?.label}`));
  }
  await user.click(option(10, 'I. 无'));
  await user.click(option(11, 'A. 多一些为老服务'));
}

describe('the survey form', () => {
  test('shows every printed question with its printed letters and wording, and no points', () => {
    renderForm();
    for (const q of QUESTIONS) {
      const group = question(q.number);
      expect(group.textContent).toContain(q.text);
      for (const o of q.options) expect(group.textContent).toContain(`${o.letter}. ${o.label}`);
    }
    expect(within(question(11)).queryByText(/^E\./)).toBeNull();
    expect(document.body.textContent).not.toMatch(/\d+\s*分/);
  });

  test("offers the chosen community's register areas while typing 小区/自然村, and none for another", async () => {
    const user = userEvent.setup();
    const communities = [
      { ...COMMUNITIES[0], areas: ['九亭小区', '新姚村'] },
      COMMUNITIES[1],
    ] as typeof COMMUNITIES;
    renderWithApp(
      <SurveyForm
        id={ID}
        initial={emptySurveyValues('DEMO01')}
        communities={communities}
        collectedBy="canvasser1"
        onSaved={vi.fn()}
      />,
    );
    const input = screen.getByLabelText('小区/自然村') as HTMLInputElement;
    const offered = () =>
      [...(input.list?.querySelectorAll('option') ?? [])].map((o) => o.getAttribute('value'));
    expect(offered()).toEqual(['九亭小区', '新姚村']);
    await user.selectOptions(screen.getByLabelText(/居民区/), 'DEMO02');
    expect(offered()).toEqual([]);
  });

  test('submitting an empty form flags each required question in Chinese beside it, and saves nothing', async () => {
    const user = userEvent.setup();
    const { db, onSaved } = renderForm();
    await user.click(screen.getByRole('button', { name: '提交' }));
    for (let n = 1; n <= 11; n++)
      expect(within(question(n)).getByRole('alert').textContent).toMatch(`请回答第${n}题`);
    expect(within(question(12)).queryByRole('alert')).toBeNull();
    expect(screen.getByText('请填写门牌地址')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.items.where('state').equals('queued').count()).toBe(0);
  });

  test('choosing q10 “I. 无” clears the other choices, and choosing another clears “无”', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(option(10, 'A. 楼道堆物'));
    await user.click(option(10, 'B. 保洁不到位'));
    await user.click(option(10, 'I. 无'));
    expect(option(10, 'I. 无').checked).toBe(true);
    expect(option(10, 'A. 楼道堆物').checked).toBe(false);
    expect(option(10, 'B. 保洁不到位').checked).toBe(false);
    await user.click(option(10, 'C. 电瓶车乱停乱放'));
    expect(option(10, 'I. 无').checked).toBe(false);
    expect(option(10, 'C. 电瓶车乱停乱放').checked).toBe(true);
  });

  test('choosing 其他 asks for its text, and submitting without it says so beside the box', async () => {
    const user = userEvent.setup();
    renderForm();
    expect(within(question(10)).queryByRole('textbox')).toBeNull();
    await user.click(option(10, 'H. 其他'));
    await user.click(option(11, 'G. 其他'));
    expect(within(question(10)).getByRole('textbox', { name: /请注明/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '提交' }));
    expect(within(question(10)).getByText('请填写第10题“其他”的内容')).toBeTruthy();
    expect(within(question(11)).getByText('请填写第11题“其他”的内容')).toBeTruthy();
    await user.type(within(question(10)).getByRole('textbox', { name: /请注明/ }), '停车难');
    await waitFor(() =>
      expect(within(question(10)).queryByText('请填写第10题“其他”的内容')).toBeNull(),
    );
  });

  test('the three address boxes show back the normalised household key', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.type(screen.getByLabelText('楼号'), '１２');
    await user.type(screen.getByLabelText('单元'), '01');
    await user.type(screen.getByLabelText('室号'), '0301');
    expect(screen.getByTestId('household-key').textContent).toBe('12号1单元301室');
  });

  test('paper entry: a typed option letter chooses it and moves to the next question', async () => {
    const user = userEvent.setup();
    renderForm();
    act(() => option(1, 'A. 业主').focus());
    await user.keyboard('b');
    expect(option(1, 'B. 租户').checked).toBe(true);
    await waitFor(() => expect(question(2).contains(document.activeElement)).toBe(true));
    await user.keyboard('f');
    expect(option(2, 'F. 60 岁及以上').checked).toBe(true);
    await waitFor(() => expect(question(3).contains(document.activeElement)).toBe(true));
    // q10 prints its third option as `c.`: either case of the key chooses it; q10 stays for more.
    act(() => option(10, 'A. 楼道堆物').focus());
    await user.keyboard('c');
    await user.keyboard('E');
    expect(option(10, 'C. 电瓶车乱停乱放').checked).toBe(true);
    expect(option(10, 'E. 不文明养宠').checked).toBe(true);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(question(11).contains(document.activeElement)).toBe(true));
  });

  test('a complete form is queued in IndexedDB before 已保存 is announced', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    let stateWhenSaved: Promise<string | undefined> | undefined;
    const onSaved = vi.fn(() => {
      stateWhenSaved = db.items.get(ID).then((item) => item?.state);
    });
    renderWithApp(
      <SurveyForm
        id={ID}
        initial={emptySurveyValues('DEMO01')}
        communities={COMMUNITIES}
        onSaved={onSaved}
      />,
      db,
    );
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(await stateWhenSaved).toBe('queued');
    const item = await db.items.get(ID);
    expect(item?.payload).toMatchObject({
      kind: 'survey',
      communityCode: 'DEMO01',
      householdAddress: '12号301室',
      channel: 'door',
      answers: { q1: 'A', q10: ['I'], q11: ['A'] },
    });
  });

  test('the queued response carries its paradata: the first answer’s time and the answers changed', async () => {
    const user = userEvent.setup();
    const before = Date.now();
    const { db } = renderForm();
    const q3 = QUESTIONS.find((q) => q.id === 'q3');
    await user.click(option(3, `${q3?.options[1]?.letter}. ${q3?.options[1]?.label}`));
    await answerAll(user);
    await user.type(within(question(12)).getByRole('textbox'), '多组织活动');
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(async () => expect((await db.items.get(ID))?.state).toBe('queued'));
    const payload = (await db.items.get(ID))?.payload as {
      collectedAt: string;
      paradata: { startedAt: string; answerChanges: number };
    };
    // q3 answered, then changed to its first option; the suggestion typed is not a change.
    expect(payload.paradata.answerChanges).toBe(1);
    expect(Date.parse(payload.paradata.startedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(payload.paradata.startedAt)).toBeLessThanOrEqual(
      Date.parse(payload.collectedAt),
    );
  });

  test('when the phone refuses the write, 提交 says so and 已保存 is never announced', async () => {
    const user = userEvent.setup();
    const { db, onSaved } = renderForm();
    await answerAll(user);
    const quota = new DOMException('storage full', 'QuotaExceededError');
    vi.spyOn(db.items, 'put').mockRejectedValueOnce(quota);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: '提交' }));
    expect((await screen.findByText(/^保存失败/)).textContent).toBe(
      '保存失败：手机存储空间已满。请先截图保留本页答案，再清理手机空间（删除不用的照片、视频或应用），然后再点“提交”。',
    );
    expect(logged).toHaveBeenCalledWith(
      'could not queue the survey',
      expect.objectContaining({ name: 'QuotaExceededError' }),
    );
    expect(onSaved).not.toHaveBeenCalled();
    expect((await db.items.get(ID))?.state).not.toBe('queued');
    logged.mockRestore();
  });

  test('a half-filled form comes back after the page is closed and reopened', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const first = renderWithApp(
      <SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />,
      db,
    );
    await screen.findByRole('button', { name: '提交' });
    await user.type(screen.getByLabelText('室号'), '502');
    await user.click(option(3, 'B. 不知晓'));
    await user.click(option(10, 'H. 其他'));
    await user.type(within(question(10)).getByRole('textbox', { name: /请注明/ }), '噪音');
    first.unmount();
    await waitFor(async () => expect((await db.items.get(ID))?.state).toBe('draft'));

    renderWithApp(<SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />, db);
    await screen.findByRole('button', { name: '提交' });
    expect((screen.getByLabelText('室号') as HTMLInputElement).value).toBe('502');
    expect(option(3, 'B. 不知晓').checked).toBe(true);
    expect(
      (within(question(10)).getByRole('textbox', { name: /请注明/ }) as HTMLInputElement).value,
    ).toBe('噪音');
  });

  test('after 已保存 the browser history no longer leads back to the submitted form', async () => {
    const user = userEvent.setup();
    history.replaceState(null, '', `#/survey/${ID}`);
    renderWithApp(<SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />);
    await screen.findByRole('button', { name: '提交' });
    await user.selectOptions(screen.getByLabelText('居民区'), 'DEMO02');
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('已保存，待上传')).toBeTruthy();
    expect(location.hash).toBe('#/');
  });

  test('a submitted survey opens as a notice, not as a form to change', async () => {
    const db = freshDb();
    const [id = ''] = await queueItems(db, [surveyItem()]);
    renderWithApp(<SurveyPage id={id} user={CANVASSER} communities={COMMUNITIES} />, db);
    expect(await screen.findByText('这份问卷已提交，不能再修改。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交' })).toBeNull();
  });
});
