import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ResidentApp } from './ResidentApp.tsx';
import type { ResidentApi } from './resident-api.ts';
import { DraftStore, findWebStorage, forgetMemoryDrafts } from './resident-storage.ts';

// The schemas reach the page by import() on the first answer. Here that fetch fails (the
// connection dropped after the page opened): nothing is sent, the resident is told in plain
// words, and every answer stays on the page and in the draft.
vi.mock('./resident-validation.ts', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

const TOKEN = 'offline-validation-token';

beforeEach(() => {
  vi.stubGlobal('indexedDB', undefined);
  localStorage.clear();
  forgetMemoryDrafts();
});

describe('the residents’ page when its schemas cannot be fetched', () => {
  it('says the network is down on 提交, sends nothing and keeps the answers', async () => {
    const submit = vi.fn();
    const api: ResidentApi = {
      loadLink: async () => ({
        kind: 'ok',
        link: {
          community: { code: 'DEMO01', name: '示例一' },
          questionnaire: { id: 'jiuting-2025', version: 1 },
        },
      }),
      submit,
    };
    const store = new DraftStore(findWebStorage(window));
    render(<ResidentApp token={TOKEN} api={api} store={store} />);
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    fireEvent.click(
      document.querySelector('[data-question="q1"] input[value="B"]') as HTMLInputElement,
    );
    fireEvent.click(screen.getByRole('button', { name: '提交问卷' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '网络不通，问卷没有提交成功。您填写的内容已保留，请检查网络后点“重新提交”。',
    );
    expect(submit).not.toHaveBeenCalled();
    expect(store.load(TOKEN)?.values.answers.q1).toBe('B');
    expect(screen.getByRole('button', { name: '重新提交' })).toBeTruthy();
  });
});
