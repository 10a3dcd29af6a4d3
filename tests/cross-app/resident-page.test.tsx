import { FULL_MARKS_ANSWERS } from '@jiuting/questionnaire/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResidentApp } from '../../apps/pwa/src/resident/ResidentApp.tsx';
import { createResidentApi } from '../../apps/pwa/src/resident/resident-api.ts';
import {
  DraftStore,
  findWebStorage,
  forgetMemoryDrafts,
} from '../../apps/pwa/src/resident/resident-storage.ts';
import {
  CLIENT_HEADERS,
  nodeFetch,
  type ResidentFixture,
  startResidentFixture,
} from './resident.test-kit.ts';

// The resident page as WeChat's in-app browser may run it: no IndexedDB, no service worker,
// plain online submit to a real sync server.

const ANSWERS: Record<string, string | string[]> = {
  ...FULL_MARKS_ANSWERS,
  q10: ['A', 'H'],
  q11: ['F'],
};

// One server for the file (starting one takes seconds); each test uses its own community, so
// households and counts never meet. Together they send fewer than the 20 submissions a minute
// the server allows from one address; the rate-limit test starts its own server.
let shared: ResidentFixture;
let fixture: ResidentFixture;
let community: string;
let token: string;
let nextCommunity = 1;

beforeAll(async () => {
  shared = await startResidentFixture();
}, 30_000);
afterAll(async () => shared.close());

beforeEach(async () => {
  vi.stubGlobal('indexedDB', undefined);
  Object.defineProperty(navigator, 'serviceWorker', { value: undefined, configurable: true });
  localStorage.clear();
  sessionStorage.clear();
  forgetMemoryDrafts();
  fixture = shared;
  fixture.fault = 'none';
  fixture.sentIds.length = 0;
  community = `DEMO${String(nextCommunity++).padStart(2, '0')}`;
  token = await fixture.tokenOf(community);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function openPage(options: { token?: string | null; store?: DraftStore } = {}) {
  const store = options.store ?? new DraftStore(findWebStorage(window));
  const api = createResidentApi({ fetch: fixture.fetch, baseUrl: fixture.url });
  return render(
    <ResidentApp
      token={options.token === undefined ? token : options.token}
      api={api}
      store={store}
    />,
  );
}

function pick(question: string, letter: string) {
  const input = document.querySelector<HTMLInputElement>(
    `[data-question="${question}"] input[value="${letter}"]`,
  );
  if (!input) throw new Error(`no option ${letter} on ${question}`);
  fireEvent.click(input);
}

function type(name: string, text: string) {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    name.endsWith('Other')
      ? `[data-question="${name.slice(0, -'Other'.length)}"] .other-text input`
      : `input[name="${name}"], textarea[name="${name}"]`,
  );
  if (!input) throw new Error(`no field ${name}`);
  fireEvent.change(input, { target: { value: text } });
}

async function fillIn(address: [string, string, string] = ['12', '', '301']) {
  await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
  for (const [question, value] of Object.entries(ANSWERS)) {
    for (const letter of [value].flat()) pick(question, letter);
  }
  type('q10Other', '楼道灯不亮');
  type('q12', '希望多组织邻里活动');
  type('building', address[0]);
  type('unit', address[1]);
  type('room', address[2]);
}

/** Another household's valid questionnaire, as a phone would send it. */
function neighbour(i: number) {
  return {
    kind: 'survey',
    id: crypto.randomUUID(),
    questionnaireId: 'jiuting-2025',
    questionnaireVersion: 1,
    communityCode: community,
    householdAddress: `${i + 1}号楼101室`,
    channel: 'qr',
    collectedAt: '2025-11-20T10:00:00+08:00',
    answers: { ...ANSWERS, q10: ['I'] },
  };
}

const submitButton = () => screen.getByRole('button', { name: /提交/ });

describe('resident page without IndexedDB or a service worker', () => {
  it('loads the community by its link, submits through the real server as channel qr, and thanks the resident', async () => {
    expect(globalThis.indexedDB).toBeUndefined();
    expect(navigator.serviceWorker).toBeUndefined();
    openPage();
    expect(
      await screen.findByRole('heading', {
        name: `九亭镇示例${community.slice(4)}（演示数据）居民区群众满意度测评问卷`,
      }),
    ).toBeTruthy();
    expect(screen.getByText(/不收集姓名、电话等个人信息/)).toBeTruthy();
    // The resident never sees a score (分钟 is the notice's "takes 3 minutes").
    expect(document.body.textContent).not.toMatch(/\d+\s*分(?!钟)/);
    await fillIn();
    expect(screen.getByTestId('household-key').textContent).toBe('12号301室');
    fireEvent.click(submitButton());

    expect(await screen.findByRole('heading', { name: '感谢您的参与！' })).toBeTruthy();
    const stored = await fixture.responsesOf(community);
    // No collector: it came in through the residents' QR page, not a canvasser's phone.
    expect(stored).toMatchObject([
      { id: fixture.sentIds[0], channel: 'qr', counted: true, collector: null },
    ]);
    expect(stored[0]?.householdAddress).toBe('12号301室');
    expect(stored[0]?.answers).toMatchObject({ q10: ['A', 'H'], q10Other: '楼道灯不亮' });
    // Once the server has them, the answers and the address are gone from the phone.
    expect(JSON.stringify({ ...localStorage })).not.toContain('楼道灯不亮');
    // The room as a stored value ("301", escaped inside the kept JSON), not as part of a random
    // id: a UUID such as f0b76301-… contains the digits too.
    const kept = JSON.stringify({ ...localStorage });
    expect(kept).not.toMatch(/\\?"301\\?"/);
    expect(kept).not.toContain('12号301室');
  });

  it('sends how the form was filled: the first answer’s time and each answer changed, not text typed', async () => {
    const before = Date.now();
    openPage();
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    pick('q3', 'B');
    pick('q10', 'C');
    await fillIn();
    pick('q10', 'C');
    fireEvent.click(submitButton());
    expect(await screen.findByRole('heading', { name: '感谢您的参与！' })).toBeTruthy();
    const [stored] = await fixture.responsesOf(community);
    // q3 B → A and q10 C taken back; the texts typed are not changes.
    expect(stored?.answerChanges).toBe(2);
    expect(Date.parse(stored?.startedAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stored?.startedAt ?? '')).toBeLessThanOrEqual(
      Date.parse(stored?.collectedAt ?? ''),
    );
  });

  it('names every unanswered question and the missing address in Chinese beside it, and sends nothing', async () => {
    openPage();
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    pick('q1', 'B');
    pick('q10', 'H');
    fireEvent.click(submitButton());

    expect(await screen.findByText(/处需要填写或修改/)).toBeTruthy();
    const errorOf = (field: string) =>
      document.querySelector(`[data-question="${field}"] .field-error`)?.textContent;
    expect(errorOf('q1')).toBeUndefined();
    expect(errorOf('q2')).toBe('请回答第2题');
    expect(errorOf('q9')).toBe('请回答第9题');
    expect(errorOf('q11')).toContain('请回答第11题');
    expect(errorOf('q10')).toBe('请填写第10题“其他”的内容');
    expect(errorOf('address')).toBe('请填写门牌地址');
    expect(fixture.sentIds).toEqual([]);

    // A fix clears its own message at once.
    pick('q2', 'A');
    await waitFor(() => expect(errorOf('q2')).toBeUndefined());
  });

  it('an incomplete submit announces one summary naming what is left, not an alert per question', async () => {
    openPage();
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    for (const question of ['q1', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']) pick(question, 'A');
    fireEvent.click(submitButton());

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      '还有 4 处需要填写或修改：门牌地址，第2、10、11题。请看标红的地方。',
    ]);
    // Each place still says what it needs, beside it, and the field points to its message.
    const q2 = document.querySelector('[data-question="q2"]');
    expect(q2?.getAttribute('aria-describedby')).toBe('q2-error');
    expect(q2?.querySelector('#q2-error')?.textContent).toBe('请回答第2题');
    // The count stays in the sticky bar while the resident scrolls to each place.
    expect(screen.getByTestId('answered').textContent).toBe('已答 8/11还有 4 处未完成');
    expect(fixture.sentIds).toEqual([]);
  });

  it('shows 已答 x/11 as questions are answered and unanswered', async () => {
    openPage();
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    const answered = () => screen.getByTestId('answered').textContent;
    expect(answered()).toBe('已答 0/11');
    pick('q1', 'A');
    pick('q10', 'B');
    pick('q10', 'C');
    type('q12', '没有别的意见');
    expect(answered()).toBe('已答 2/11');
    pick('q10', 'B');
    pick('q10', 'C');
    expect(answered()).toBe('已答 1/11');
    expect(screen.getByRole('progressbar', { name: '已答题数' })).toBeTruthy();
  });

  it('question 12’s box is named by its question for screen readers', async () => {
    openPage();
    await screen.findByRole('heading', { name: /群众满意度测评问卷/ });
    const box = screen.getByRole('textbox', { name: /^12、.*（选填）$/ });
    expect(box.getAttribute('name')).toBe('q12');
  });

  it('keeps the answers through a network failure and a reload, and 重新提交 sends them with the same id', async () => {
    const page = openPage();
    await fillIn();
    fixture.fault = 'offline';
    fireEvent.click(submitButton());
    expect(await screen.findByText(/网络不通，问卷没有提交成功。您填写的内容已保留/)).toBeTruthy();
    expect(submitButton().textContent).toBe('重新提交');

    // The resident reloads the page (memory gone): the answers come back from Web Storage.
    page.unmount();
    forgetMemoryDrafts();
    openPage();
    await screen.findByText(/上次提交没有成功，您填写的内容已恢复/);
    expect(
      document.querySelector<HTMLInputElement>('[data-question="q8"] input[value="A"]')?.checked,
    ).toBe(true);
    expect(screen.getByTestId('household-key').textContent).toBe('12号301室');

    fixture.fault = 'none';
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(fixture.sentIds).toHaveLength(2);
    expect(fixture.sentIds[1]).toBe(fixture.sentIds[0]);
    expect((await fixture.responsesOf(community)).map((r) => r.id)).toEqual([fixture.sentIds[0]]);
  });

  it('keeps the answers after a server error (500) and the retry is accepted', async () => {
    openPage();
    await fillIn();
    fixture.fault = 'serverError';
    fireEvent.click(submitButton());
    expect(await screen.findByText(/服务器暂时出了问题/)).toBeTruthy();
    expect(await fixture.responsesOf(community)).toEqual([]);
    fixture.fault = 'none';
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(await fixture.responsesOf(community)).toHaveLength(1);
  });

  it('a retry after an answer lost on the way back is a duplicate on the server, not a second row', async () => {
    openPage();
    await fillIn();
    fixture.fault = 'lostAnswer';
    fireEvent.click(submitButton());
    await screen.findByText(/网络不通/);
    expect(await fixture.responsesOf(community)).toHaveLength(1);
    fixture.fault = 'none';
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(fixture.sentIds[1]).toBe(fixture.sentIds[0]);
    expect(await fixture.responsesOf(community)).toHaveLength(1);
  });

  it('an answer changed after a lost answer is not stored twice: the household is thanked, the first answer stands', async () => {
    openPage();
    await fillIn();
    fixture.fault = 'lostAnswer';
    fireEvent.click(submitButton());
    await screen.findByText(/网络不通/);
    pick('q8', 'B');
    fixture.fault = 'none';
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    const rows = await fixture.responsesOf(community);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answers.q8).toBe('A');
  });

  it('submits with an id made without crypto.randomUUID (a page opened over plain http)', async () => {
    // Shadows the prototype's method on this object only; removed again below.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    expect(typeof crypto.randomUUID).toBe('undefined');
    try {
      openPage();
      await fillIn();
      fireEvent.click(submitButton());
      await screen.findByRole('heading', { name: '感谢您的参与！' });
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(fixture.sentIds[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await fixture.responsesOf(community)).toHaveLength(1);
  });

  it('keeps the answers in memory when every Web Storage call throws', async () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = new DraftStore(
      findWebStorage({ localStorage: throwing, sessionStorage: throwing }),
    );
    expect(store.persistent).toBe(false);
    openPage({ store });
    await fillIn();
    fixture.fault = 'offline';
    fireEvent.click(submitButton());
    await screen.findByText(/网络不通/);
    fixture.fault = 'none';
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(await fixture.responsesOf(community)).toHaveLength(1);
  });

  it('a second questionnaire from the same household is kept as a repeat and thanked exactly like the first', async () => {
    openPage();
    await fillIn(['12', '', '301']);
    fireEvent.click(submitButton());
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(screen.queryByText(/本户之前已经提交过问卷/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '为另一户填写' }));
    await fillIn(['12', '', '０３０１']);
    fireEvent.click(submitButton());
    await screen.findByRole('heading', { name: '感谢您的参与！' });
    expect(screen.queryByText(/之前已经提交过/)).toBeNull();
    const rows = await fixture.responsesOf(community);
    expect(rows.map((r) => r.counted)).toEqual([true, false]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });
});

describe('what a resident reads when the link or the server says no', () => {
  const noCode = /qr_link_invalid|rate_limited|404|429|\berror\b/;

  it('a wrong token shows a plain Chinese sentence and no form', async () => {
    openPage({ token: 'not-a-real-token' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('这个二维码已失效或不完整');
    expect(document.body.textContent).not.toMatch(noCode);
    expect(screen.queryByRole('button', { name: /提交/ })).toBeNull();
  });

  it('a link rotated while the resident fills in keeps the answers and says to ask for the new code', async () => {
    openPage();
    await fillIn();
    const rotated = await nodeFetch(`${fixture.url}/api/communities/${community}/qr-token`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, cookie: fixture.coordinatorCookie },
    });
    expect(rotated.status).toBe(200);
    fireEvent.click(submitButton());
    expect(await screen.findByText(/这个二维码已失效，问卷没有提交成功/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(noCode);
    expect(
      document.querySelector<HTMLInputElement>('[data-question="q1"] input[value="A"]')?.checked,
    ).toBe(true);
  });

  it('the server rate limit (429) shows a Chinese sentence and keeps the answers', async () => {
    // Its own server: the limit counts every submission from this address.
    fixture = await startResidentFixture();
    token = await fixture.tokenOf(community);
    // Twenty residents' submissions from this address within the minute use up the limit.
    for (let i = 0; i < 20; i += 1) {
      const res = await nodeFetch(`${fixture.url}/api/public/q/${token}/responses`, {
        method: 'POST',
        headers: { ...CLIENT_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(neighbour(i)),
      });
      expect(res.status).toBe(200);
    }
    openPage();
    await fillIn();
    fireEvent.click(submitButton());
    expect(await screen.findByText(/提交太频繁了，问卷没有提交成功/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(noCode);
    expect(submitButton().textContent).toBe('重新提交');
    expect(await fixture.responsesOf(community)).toHaveLength(20);
    expect(
      document.querySelector<HTMLInputElement>('[data-question="q3"] input[value="A"]')?.checked,
    ).toBe(true);
    await fixture.close();
  }, 30_000);
});
