import type { SurveyResponse } from '@jiuting/questionnaire';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ResidentApp } from './ResidentApp.tsx';
import type { ResidentApi, ResidentLink } from './resident-api.ts';
import { DraftStore, findWebStorage, forgetMemoryDrafts } from './resident-storage.ts';
import { emptyResidentValues } from './resident-values.ts';

// The residents' page shows the questionnaire edition the link's year uses (the public form
// description's questionnaireVersion); the 2026 example edition changes q4 C.
const TOKEN = 'edition-test-token';
const CHANGED = 'C. 半年一次（含电话、微信联系）';
const PRINTED_2025 = 'C. 半年一次';

function linkUsing(questionnaireVersion?: number): ResidentLink {
  return {
    community: { code: 'DEMO01', name: '示例一' },
    questionnaire: { id: 'jiuting-2025', version: 1 },
    ...(questionnaireVersion === undefined ? {} : { assessmentYear: 2026, questionnaireVersion }),
  };
}

function fakeApi(link: ResidentLink) {
  const sent: SurveyResponse[] = [];
  const api: ResidentApi = {
    loadLink: async () => ({ kind: 'ok', link }),
    submit: async (_token, response) => {
      sent.push(response);
      return { kind: 'received', repeat: false };
    },
  };
  return { api, sent };
}

const q4Labels = () =>
  [...document.querySelectorAll('[data-question="q4"] label')].map((l) => l.textContent ?? '');

function pick(question: string, letter: string) {
  const input = document.querySelector<HTMLInputElement>(
    `[data-question="${question}"] input[value="${letter}"]`,
  );
  if (!input) throw new Error(`no option ${letter} on ${question}`);
  fireEvent.click(input);
}

beforeEach(() => {
  vi.stubGlobal('indexedDB', undefined);
  localStorage.clear();
  forgetMemoryDrafts();
});

describe('the residents’ page renders the edition of the link’s year', () => {
  it('shows the new edition’s changed option and sends its version', async () => {
    const { api, sent } = fakeApi(linkUsing(2));
    render(<ResidentApp token={TOKEN} api={api} store={new DraftStore(findWebStorage(window))} />);
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    expect(q4Labels()).toContain(CHANGED);
    expect(q4Labels()).not.toContain(PRINTED_2025);

    const answers = { q1: 'A', q2: 'C', q3: 'A', q4: 'C', q5: 'D', q6: 'D', q7: 'D', q8: 'A' };
    for (const [question, letter] of Object.entries({ ...answers, q9: 'A', q10: 'I', q11: 'F' }))
      pick(question, letter);
    fireEvent.change(document.querySelector('input[name="building"]') as HTMLInputElement, {
      target: { value: '12' },
    });
    fireEvent.change(document.querySelector('input[name="room"]') as HTMLInputElement, {
      target: { value: '301' },
    });
    fireEvent.click(screen.getByRole('button', { name: '提交问卷' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ questionnaireVersion: 2, answers: { q4: 'C' } });
  });

  it('shows 附件1 (2025) when the server names no year’s version', async () => {
    const { api } = fakeApi(linkUsing());
    render(<ResidentApp token={TOKEN} api={api} store={new DraftStore(findWebStorage(window))} />);
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    expect(q4Labels()).toContain(PRINTED_2025);
    expect(q4Labels()).not.toContain(CHANGED);
  });

  it('keeps a draft filled in 2025’s edition in that edition', async () => {
    const store = new DraftStore(findWebStorage(window));
    store.save(TOKEN, {
      values: { ...emptyResidentValues(), questionnaireVersion: 1 },
      id: '0b9a7d6c-1111-4222-8333-944455556688',
      collectedAt: null,
    });
    const { api } = fakeApi(linkUsing(2));
    render(<ResidentApp token={TOKEN} api={api} store={store} />);
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    expect(q4Labels()).toContain(PRINTED_2025);
  });
});
