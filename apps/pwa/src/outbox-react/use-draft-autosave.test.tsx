import { QUESTIONS } from '@jiuting/questionnaire';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CANVASSER, COMMUNITIES, renderWithApp } from '../../test/render.tsx';
import { freshDb } from '../outbox/outbox.test-kit.ts';
import { SurveyPage } from '../survey/SurveyPage.tsx';
import { DRAFT_RETRY_MS } from './use-draft-autosave.ts';

const ID = '6f1c2a4e-1111-4222-8333-944455556666';

function option(number: number, label: string): HTMLInputElement {
  const group = screen.getByRole('group', { name: new RegExp(`^${number}、`) });
  return within(group).getByRole(number >= 10 ? 'checkbox' : 'radio', { name: label });
}

async function openSurvey(db = freshDb()) {
  const view = renderWithApp(<SurveyPage id={ID} user={CANVASSER} communities={COMMUNITIES} />, db);
  await screen.findByRole('button', { name: '提交' });
  return view;
}

const answers = async (db: ReturnType<typeof freshDb>) =>
  ((await db.items.get(ID))?.form as { answers?: Record<string, unknown> } | undefined)?.answers;

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('drafts hold every change', () => {
  test('a tap starts its write at once, not after a pause (closing right after it keeps it)', async () => {
    const { db } = await openSurvey();
    const writes = vi.spyOn(db, 'transaction');
    fireEvent.click(option(3, 'B. 不知晓'));
    // No timer has run: the write must already be under way.
    expect(writes).toHaveBeenCalled();
    await waitFor(async () => expect((await answers(db))?.q3).toBe('B'));
  });

  test('drafts are saved on a browser without structuredClone (Chrome before 98)', async () => {
    const clone = globalThis.structuredClone;
    vi.stubGlobal('structuredClone', (value: unknown) => {
      // Only the app's own calls find it missing: the fake IndexedDB and DOM standing in for the
      // phone's native ones use it too.
      const caller = new Error().stack?.split('\n')[2] ?? '';
      if (!caller.includes('node_modules')) {
        throw new TypeError('structuredClone is not a function');
      }
      return clone(value);
    });
    const user = userEvent.setup();
    const { db, unmount } = await openSurvey();
    await user.type(screen.getByLabelText('室号'), '502');
    await user.click(option(3, 'B. 不知晓'));
    unmount();
    await waitFor(async () => expect((await answers(db))?.q3).toBe('B'));
    expect((await db.items.get(ID))?.form).toMatchObject({ room: '502' });
  });

  test('one failed write (storage full) does not poison later ones: it says what to do, the next change saves, and 提交 queues', async () => {
    const user = userEvent.setup();
    const { db } = await openSurvey();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(db.items, 'add').mockRejectedValueOnce(
      new DOMException('storage full', 'QuotaExceededError'),
    );
    await user.click(option(3, 'B. 不知晓'));
    const alert = await screen.findByText(/^草稿没能保存/);
    expect(alert.textContent).toContain('手机存储空间已满');
    expect(alert.textContent).toContain('清理手机空间');
    expect(screen.queryByText('每一处改动都已自动存为草稿')).toBeNull();

    await user.click(option(4, 'A. 一月一次'));
    await waitFor(async () => expect(await answers(db)).toMatchObject({ q3: 'B', q4: 'A' }));
    await waitFor(() => expect(screen.queryByText(/^草稿没能保存/)).toBeNull());
    expect(screen.getByText('每一处改动都已自动存为草稿')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('居民区'), 'DEMO01');
    await user.type(screen.getByLabelText('楼号'), '12');
    await user.type(screen.getByLabelText('室号'), '301');
    for (const q of QUESTIONS.filter((q) => q.kind === 'single')) {
      await user.click(option(q.number, `${q.options[0]?.letter}. ${q.options[0]?.label}`));
    }
    await user.click(option(10, 'I. 无'));
    await user.click(option(11, 'A. 多一些为老服务'));
    await user.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(async () => expect((await db.items.get(ID))?.state).toBe('queued'));
  });

  test('a change whose write failed is kept and written at the next chance, with no further change', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { unmount } = await openSurvey(db);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(db.items, 'add').mockRejectedValueOnce(new DOMException('broken', 'UnknownError'));
    await user.click(option(3, 'B. 不知晓'));
    const alert = await screen.findByText(/^草稿没能保存/);
    expect(alert.textContent).toContain('刷新页面');
    expect(alert.textContent).not.toContain('不要关闭');
    // Leaving the form (as pagehide does) writes what is still unsaved.
    unmount();
    await waitFor(async () => expect((await answers(db))?.q3).toBe('B'));
  });

  test('a change whose write failed is written again by itself while the form stays open, and the warning goes', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await openSurvey(db);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(db.items, 'add').mockRejectedValueOnce(
      new DOMException('storage full', 'QuotaExceededError'),
    );
    await user.click(option(3, 'B. 不知晓'));
    await screen.findByText(/^草稿没能保存/);
    // No further tap, no leaving the form: the retry timer alone writes it.
    await waitFor(async () => expect((await answers(db))?.q3).toBe('B'), {
      timeout: DRAFT_RETRY_MS + 3_000,
      interval: 200,
    });
    await waitFor(() => expect(screen.queryByText(/^草稿没能保存/)).toBeNull());
  }, 15_000);

  test('a change is in the journal the moment it is made, and leaves it once IndexedDB holds it', async () => {
    const { db } = await openSurvey();
    fireEvent.click(option(3, 'B. 不知晓'));
    const journal = () => Object.entries(localStorage).filter(([key]) => key.includes(ID));
    expect(journal()).toHaveLength(1);
    expect(journal()[0]?.[1]).toContain('"q3":"B"');
    await waitFor(async () => expect((await answers(db))?.q3).toBe('B'));
    await waitFor(() => expect(journal()).toEqual([]));
  });
});
