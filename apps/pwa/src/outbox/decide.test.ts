import { describe, expect, test } from 'vitest';
import { backoffDelay, decideSyncAnswer } from './decide.ts';
import { surveyItem } from './outbox.test-kit.ts';
import type { SendingItem } from './types.ts';

function item(localId: string): SendingItem {
  return {
    id: localId,
    kind: 'survey',
    state: 'sending',
    communityCode: 'DEMO01',
    payload: surveyItem(),
    createdAt: 0,
    updatedAt: 0,
    queuedAt: 0,
    attempts: 1,
    leaseUntil: 90_000,
    claimedBy: 'engine',
  };
}

describe('what the engine does with an answer', () => {
  const a = item('a');
  const b = item('b');

  test('an accepted survey the server marks as a repeat is synced and remembered as a repeat', () => {
    const decision = decideSyncAnswer([a, b], {
      kind: 'response',
      status: 200,
      body: {
        results: [
          { id: a.payload?.id, status: 'accepted', repeat: true },
          { id: b.payload?.id, status: 'accepted', repeat: false },
        ],
      },
    });
    expect(decision.outcomes.get('a')).toEqual({ kind: 'synced', repeat: true });
    expect(decision.outcomes.get('b')).toEqual({ kind: 'synced' });
  });

  test('accepted and duplicate are synced; rejected and conflict keep the reason', () => {
    const c = item('c');
    const d = item('d');
    const decision = decideSyncAnswer([a, b, c, d], {
      kind: 'response',
      status: 200,
      body: {
        results: [
          { id: a.payload?.id, status: 'accepted' },
          { id: b.payload?.id, status: 'duplicate' },
          {
            id: c.payload?.id,
            status: 'rejected',
            error: {
              error: 'validation_failed',
              message: '请回答第3题',
              issues: [{ path: 'answers.q3', message: '请回答第3题' }],
            },
          },
          {
            id: d.payload?.id,
            status: 'conflict',
            error: { error: 'id_conflict', message: '编号冲突' },
          },
        ],
      },
    });
    expect(decision.step).toBe('continue');
    expect(decision.outcomes.get('a')).toEqual({ kind: 'synced' });
    expect(decision.outcomes.get('b')).toEqual({ kind: 'synced' });
    expect(decision.outcomes.get('c')).toEqual({
      kind: 'rejected',
      reason: {
        status: 'rejected',
        error: 'validation_failed',
        message: '请回答第3题',
        issues: [{ path: 'answers.q3', message: '请回答第3题' }],
      },
    });
    expect(decision.outcomes.get('d')).toMatchObject({
      kind: 'rejected',
      reason: { status: 'conflict', message: '编号冲突' },
    });
  });

  test('an item missing from the results is retried, not dropped', () => {
    const decision = decideSyncAnswer([a, b], {
      kind: 'response',
      status: 200,
      body: { results: [{ id: a.payload?.id, status: 'accepted' }] },
    });
    expect(decision.outcomes.get('b')).toEqual({ kind: 'retry' });
    expect(decision.step).toBe('backoff');
  });

  test.each([
    ['a network failure', { kind: 'network', error: new TypeError('x') } as const, 'backoff'],
    [
      'a 500',
      { kind: 'response', status: 500, body: { error: 'internal', message: 'x' } } as const,
      'backoff',
    ],
    [
      'a 502 with an HTML body',
      { kind: 'response', status: 502, body: undefined } as const,
      'backoff',
    ],
    [
      'a 200 without results',
      { kind: 'response', status: 200, body: { ok: true } } as const,
      'backoff',
    ],
    [
      'a 429',
      {
        kind: 'response',
        status: 429,
        body: { error: 'rate_limited', message: '太频繁' },
      } as const,
      'backoff',
    ],
    [
      'a 401',
      {
        kind: 'response',
        status: 401,
        body: { error: 'unauthenticated', message: '请登录' },
      } as const,
      'needsLogin',
    ],
    [
      'a 403',
      { kind: 'response', status: 403, body: { error: 'forbidden', message: '无权' } } as const,
      'forbidden',
    ],
    [
      'a 400 for several items',
      {
        kind: 'response',
        status: 400,
        body: { error: 'validation_failed', message: 'x' },
      } as const,
      'split',
    ],
    [
      "a proxy's HTML 413 for several items",
      { kind: 'response', status: 413, body: undefined } as const,
      'split',
    ],
    [
      'any other 4xx without a JSON body, for several items',
      { kind: 'response', status: 404, body: undefined } as const,
      'split',
    ],
  ])('%s keeps every item for a later try', (_name, answer, step) => {
    const decision = decideSyncAnswer([a, b], answer);
    expect(decision.step).toBe(step);
    expect([...decision.outcomes.values()]).toEqual([{ kind: 'retry' }, { kind: 'retry' }]);
  });

  test('a 4xx for a single item is that item’s rejection, with the server’s message', () => {
    const decision = decideSyncAnswer([a], {
      kind: 'response',
      status: 413,
      body: { error: 'body_too_large', message: '记录过大' },
    });
    expect(decision.outcomes.get('a')).toMatchObject({
      kind: 'rejected',
      reason: { status: 'rejected', error: 'body_too_large', message: '记录过大' },
    });
  });
});

test("a proxy's HTML 413 for a single item rejects it for good with a message the canvasser can act on", () => {
  const only = item('only');
  const decision = decideSyncAnswer([only], { kind: 'response', status: 413, body: undefined });
  expect(decision.step).toBe('continue');
  const outcome = decision.outcomes.get('only');
  expect(outcome).toMatchObject({
    kind: 'rejected',
    reason: { status: 'rejected', error: 'http_413' },
  });
  expect(outcome?.kind === 'rejected' && outcome.reason.message).toMatch(/太大|大小/);
  expect(outcome?.kind === 'rejected' && outcome.reason.message).toMatch(/本机/);
});

test('a 408 (the body came too slowly over a weak signal) halves a batch, and a single item waits to be tried again instead of being rejected', () => {
  const timeout = { kind: 'response', status: 408, body: undefined } as const;
  expect(decideSyncAnswer([item('a'), item('b')], timeout).step).toBe('split');
  const decision = decideSyncAnswer([item('only')], timeout);
  expect(decision.step).toBe('backoff');
  expect(decision.outcomes.get('only')).toEqual({ kind: 'retry' });
});

test('a per-item retry (the server failed to store that one) keeps it queued while the others settle', () => {
  const ok = item('ok');
  const poison = item('poison');
  const decision = decideSyncAnswer([ok, poison], {
    kind: 'response',
    status: 200,
    body: {
      results: [
        { id: ok.payload?.id, status: 'accepted' },
        {
          id: poison.payload?.id,
          status: 'retry',
          error: { error: 'internal_error', message: '服务器内部错误，请稍后重试' },
        },
      ],
    },
  });
  expect(decision.step).toBe('continue');
  expect(decision.outcomes.get('ok')).toEqual({ kind: 'synced' });
  expect(decision.outcomes.get('poison')).toEqual({ kind: 'retry' });
});

describe('backoff', () => {
  test('doubles from 5 s with jitter between half and all of it, capped at 5 min', () => {
    expect(backoffDelay(1, () => 1)).toBe(5_000);
    expect(backoffDelay(1, () => 0)).toBe(2_500);
    expect(backoffDelay(3, () => 1)).toBe(20_000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(150_000);
  });
});
