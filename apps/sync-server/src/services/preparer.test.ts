import { Worker } from 'node:worker_threads';
import { sampleInterview, sampleSurvey, sampleVisit } from '@jiuting/questionnaire/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareItems } from './prepare-items.ts';
import { type Preparer, workerPreparer } from './preparer.ts';

const RECEIVED_AT = '2025-11-21T02:00:00.000Z';

function nested(depth: number): unknown {
  let value: unknown = 'A';
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

// Every way an item can come out of preparation: each kind stored, refused by the schema (with
// and without an id), collected in the future, and too deep to hash.
const batch: unknown[] = [
  sampleSurvey({ communityCode: 'DEMO01' }),
  sampleSurvey({
    communityCode: 'DEMO02',
    channel: 'qr',
    householdAddress: '九亭村·七组38号',
    paradata: { startedAt: '2025-11-20T09:58:00+08:00', answerChanges: 3 },
  }),
  sampleInterview(),
  sampleVisit(),
  { ...sampleSurvey(), answers: { q1: 'Z' } },
  { kind: 'survey' },
  sampleSurvey({ collectedAt: '2030-01-01T00:00:00+08:00' }),
  { ...sampleSurvey(), extra: nested(40) },
];
const body = JSON.stringify({ items: batch });

const warnings: string[] = [];
const log = { warn: (_: object, msg: string) => warnings.push(msg) };
let preparer: Preparer | undefined;
afterEach(async () => {
  await preparer?.close();
  warnings.length = 0;
});

describe('the prepare worker', () => {
  it('prepares a batch from the body text exactly as the request thread would', async () => {
    preparer = workerPreparer(log);
    const expected = prepareItems(batch, RECEIVED_AT);
    expect(expected.map((p) => p.valid)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(await preparer.prepare(batch, RECEIVED_AT, body)).toEqual(expected);
    // Twice: the worker stays up between batches.
    expect(await preparer.prepare(batch, RECEIVED_AT, body)).toEqual(expected);
    expect(preparer.counts()).toEqual({ worker: 2, inProcess: 0 });
    expect(warnings).toEqual([]);
  });

  it('prepares in process what it cannot read from the text, with the same results', async () => {
    preparer = workerPreparer(log);
    const expected = prepareItems(batch, RECEIVED_AT);
    expect(await preparer.prepare(batch, RECEIVED_AT, 'not json')).toEqual(expected);
    // A text that is not these items (here one fewer) is not trusted either.
    const fewer = JSON.stringify({ items: batch.slice(1) });
    expect(await preparer.prepare(batch, RECEIVED_AT, fewer)).toEqual(expected);
    // Without the text (the residents' page, a file import) it is all in process.
    expect(await preparer.prepare(batch, RECEIVED_AT)).toEqual(expected);
    expect(preparer.counts()).toEqual({ worker: 0, inProcess: 3 });
  });

  it('answers every batch when its worker dies, and stops starting one after three deaths', async () => {
    let started = 0;
    // A worker that dies as it starts, with a batch already posted to it.
    const dying = () => {
      started += 1;
      return new Worker('throw new Error("worker died")', { eval: true });
    };
    preparer = workerPreparer(log, dying);
    const expected = prepareItems(batch, RECEIVED_AT);
    for (let i = 0; i < 5; i += 1) {
      expect(await preparer.prepare(batch, RECEIVED_AT, body)).toEqual(expected);
    }
    expect(started).toBe(3);
    expect(preparer.counts()).toEqual({ worker: 0, inProcess: 5 });
    expect(warnings).toEqual(Array(3).fill('prepare worker failed; batches prepared in process'));
  });

  it('answers batches in flight when it is closed', async () => {
    preparer = workerPreparer(log);
    const pending = preparer.prepare(batch, RECEIVED_AT, body);
    await preparer.close();
    expect(await pending).toEqual(prepareItems(batch, RECEIVED_AT));
  });
});
