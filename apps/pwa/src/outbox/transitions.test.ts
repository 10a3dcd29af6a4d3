import { describe, expect, test } from 'vitest';
import { surveyItem } from './outbox.test-kit.ts';
import {
  IllegalTransitionError,
  newDraft,
  type OutboxEvent,
  transition,
  tryTransition,
} from './transitions.ts';
import type { OutboxItem, OutboxState } from './types.ts';

const payload = surveyItem();
const reason = { status: 'rejected', error: 'invalid', message: '门牌不完整' } as const;
const draft = newDraft({ id: 'x', kind: 'survey', communityCode: 'DEMO01', form: {} }, 1);
const queued = transition(draft, { type: 'submit', form: {}, payload, collectedBy: 'li', at: 2 });
const sending = transition(queued, { type: 'claim', engineId: 'e', leaseUntil: 100, at: 3 });
const synced = transition(sending, { type: 'accept', at: 4 });
const rejected = transition(sending, { type: 'reject', engineId: 'e', reason, at: 4 });
const ITEMS: Record<OutboxState, OutboxItem> = { draft, queued, sending, synced, rejected };

const EVENTS: Record<OutboxEvent['type'], OutboxEvent> = {
  edit: { type: 'edit', form: { room: '301' }, communityCode: 'DEMO01', at: 5 },
  submit: { type: 'submit', form: {}, payload, at: 5 },
  claim: { type: 'claim', engineId: 'e', leaseUntil: 200, at: 5 },
  accept: { type: 'accept', at: 5 },
  reject: { type: 'reject', engineId: 'e', reason, at: 5 },
  retry: { type: 'retry', engineId: 'e' },
  release: { type: 'release', engineId: 'e' },
  resend: { type: 'resend', payload, at: 5 },
  adopt: { type: 'adopt', collector: 'wang' },
};

// Every (state, event) pair that changes an item, and the state it leaves it in; every other
// pair is refused. `sending` is claimed by engine `e` with its lease running at time 5.
const LEGAL: Record<OutboxState, Partial<Record<OutboxEvent['type'], OutboxState>>> = {
  draft: { edit: 'draft', submit: 'queued' },
  queued: { claim: 'sending', accept: 'synced' },
  sending: { accept: 'synced', reject: 'rejected', retry: 'queued', release: 'queued' },
  synced: {},
  rejected: { edit: 'rejected', submit: 'queued', resend: 'queued' },
};

const FIELDS: Record<OutboxState, string[]> = {
  draft: [],
  queued: ['payload', 'queuedAt', 'attempts'],
  sending: ['payload', 'queuedAt', 'attempts', 'leaseUntil', 'claimedBy'],
  synced: ['payload', 'queuedAt', 'attempts', 'syncedAt'],
  rejected: ['payload', 'queuedAt', 'attempts', 'reason'],
};
const BASE = ['id', 'kind', 'state', 'communityCode', 'form', 'createdAt', 'updatedAt'];

describe('the outbox state machine', () => {
  for (const [from, item] of Object.entries(ITEMS) as [OutboxState, OutboxItem][]) {
    for (const [type, event] of Object.entries(EVENTS) as [OutboxEvent['type'], OutboxEvent][]) {
      if (type === 'adopt') continue;
      const to = LEGAL[from][type];
      test(`${from} + ${type} → ${to ?? 'refused'}`, () => {
        if (to === undefined) {
          expect(tryTransition(item, event)).toBeUndefined();
          expect(() => transition(item, event)).toThrow(IllegalTransitionError);
          return;
        }
        const next = transition(item, event);
        expect(next.state).toBe(to);
        // Exactly the fields of the new state: nothing left over from the old one.
        const expected = [...BASE, ...FIELDS[to], ...(item.collectedBy ? ['collectedBy'] : [])];
        expect(Object.keys(next).sort()).toEqual(expected.sort());
      });
    }
  }

  test("another engine's claim cannot be answered, retried or released while its lease runs", () => {
    for (const type of ['reject', 'retry', 'release', 'claim'] as const) {
      const event = { ...EVENTS[type], engineId: 'other' } as OutboxEvent;
      expect(() => transition(sending, event)).toThrow(IllegalTransitionError);
    }
    // The server's `accepted` is a fact whoever holds the claim.
    expect(transition(sending, EVENTS.accept).state).toBe('synced');
  });

  test('a claim whose lease ended, or any claim for the holder of the Web Lock, is taken over', () => {
    const late = { type: 'claim', engineId: 'other', leaseUntil: 300, at: 100 } as const;
    expect(transition(sending, late)).toMatchObject({ claimedBy: 'other', attempts: 2 });
    const early = { ...late, at: 99 };
    expect(tryTransition(sending, early)).toBeUndefined();
    expect(transition(sending, { ...early, takeOver: true })).toMatchObject({ claimedBy: 'other' });
  });

  test('only an item with no collector is adopted, and never a synced one', () => {
    const ownerless = transition(draft, { type: 'submit', form: {}, payload, at: 2 });
    expect(transition(ownerless, EVENTS.adopt).collectedBy).toBe('wang');
    expect(transition(draft, EVENTS.adopt).collectedBy).toBe('wang');
    expect(tryTransition(queued, EVENTS.adopt)).toBeUndefined();
    const syncedOwnerless = transition(ownerless, EVENTS.accept);
    expect(tryTransition(syncedOwnerless, EVENTS.adopt)).toBeUndefined();
  });

  test('a resubmitted item stays its first collector’s and keeps its reason only while rejected', () => {
    const fixed = transition(rejected, EVENTS.edit);
    expect(fixed).toMatchObject({ state: 'rejected', reason, form: { room: '301' } });
    const again = transition(fixed, {
      type: 'submit',
      form: {},
      payload,
      collectedBy: 'wang',
      at: 6,
    });
    expect(again).toMatchObject({ state: 'queued', collectedBy: 'li', attempts: 0, queuedAt: 6 });
    expect(again.reason).toBeUndefined();
  });
});
