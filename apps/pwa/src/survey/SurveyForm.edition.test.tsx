import { JIUTING_2026_EXAMPLE } from '@jiuting/questionnaire';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import type { Fetch } from '../api/client.ts';
import { freshDb } from '../outbox/outbox.test-kit.ts';
import { saveDraft } from '../outbox/store.ts';
import { SurveyForm } from './SurveyForm.tsx';
import { SurveyPage } from './SurveyPage.tsx';
import { emptySurveyValues } from './survey-values.ts';

// A questionnaire edition other than 附件1: the 2026 example changes q4 C (label and points).
const ID = '6f1c2a4e-1111-4222-8333-944455556677';
const CHANGED = 'C. 半年一次（含电话、微信联系）';
const PRINTED_2025 = 'C. 半年一次';

const question = (number: number) =>
  screen.getByRole('group', { name: new RegExp(`^${number}、`) });
const q4Labels = () =>
  within(question(4))
    .getAllByRole('radio')
    .map((radio) => radio.closest('label')?.textContent ?? '');

/** A server whose /api/me says the open year uses the given questionnaire version. */
const serverUsing =
  (questionnaireVersion: number): Fetch =>
  async (url) =>
    url.endsWith('/api/me')
      ? new Response(
          JSON.stringify({ user: CANVASSER, assessmentYear: 2026, questionnaireVersion }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        )
      : Promise.reject(new TypeError('offline in tests'));

async function answerAll(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('楼号'), '12');
  await user.type(screen.getByLabelText('室号'), '301');
  for (const q of JIUTING_2026_EXAMPLE.questions.filter((q) => q.kind === 'single')) {
    const chosen = q.id === 'q4' ? CHANGED : `${q.options[0]?.letter}. ${q.options[0]?.label}`;
    await user.click(within(question(q.number)).getByRole('radio', { name: chosen }));
  }
  await user.click(within(question(10)).getByRole('checkbox', { name: 'I. 无' }));
  await user.click(within(question(11)).getByRole('checkbox', { name: 'A. 多一些为老服务' }));
}

describe('the survey form renders the edition it was started with', () => {
  test('a form of the new edition shows its changed option and queues its version', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const onSaved = vi.fn();
    renderWithApp(
      <SurveyForm
        id={ID}
        initial={emptySurveyValues('DEMO01', 'door', JIUTING_2026_EXAMPLE.version)}
        communities={COMMUNITIES}
        onSaved={onSaved}
      />,
      db,
    );
    expect(q4Labels()).toContain(CHANGED);
    expect(q4Labels()).not.toContain(PRINTED_2025);
    await answerAll(user);
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect((await db.items.get(ID))?.payload).toMatchObject({
      questionnaireId: 'jiuting-2025',
      questionnaireVersion: 2,
      answers: { q4: 'C' },
    });
  });

  test('a new survey opened while the year uses the new edition is that edition', async () => {
    renderWithApp(
      <SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />,
      freshDb(),
      serverUsing(2),
    );
    await screen.findByRole('button', { name: '提交' });
    expect(q4Labels()).toContain(CHANGED);
    expect(screen.queryByRole('note')).toBeNull();
  });

  test('a draft started with 2025’s edition is finished with it after the year moved on, and says so', async () => {
    const db = freshDb();
    // Saved before drafts remembered their edition: no questionnaireVersion at all.
    const { questionnaireVersion: _, ...oldForm } = emptySurveyValues('DEMO01');
    await saveDraft(
      db,
      { id: ID, kind: 'survey', communityCode: 'DEMO01', form: oldForm, collectedBy: 'canvasser1' },
      Date.now(),
    );
    renderWithApp(
      <SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />,
      db,
      serverUsing(2),
    );
    await screen.findByRole('button', { name: '提交' });
    expect(q4Labels()).toContain(PRINTED_2025);
    expect(q4Labels()).not.toContain(CHANGED);
    expect(screen.getByRole('note').textContent).toBe(
      '这份草稿按 2025 年度的问卷（第 1 版）开始填写，仍按该版本完成和计分；本年度的新问卷使用第 2 版。',
    );
  });

  test('a draft of an edition this app no longer offers is marked, not rewritten into another', () => {
    renderWithApp(
      <SurveyForm
        id={ID}
        initial={emptySurveyValues('DEMO01', 'door', 99)}
        communities={COMMUNITIES}
        onSaved={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      '这份草稿使用第 99 版问卷，本应用已不再提供该版本，无法继续填写。草稿已保留，请联系考核专班。',
    );
    expect(screen.queryByRole('button', { name: '提交' })).toBeNull();
  });
});
