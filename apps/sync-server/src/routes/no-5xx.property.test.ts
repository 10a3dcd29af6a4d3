import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../testing.ts';

// Issue 14: no request body, however nested or large, may produce a 5xx (or hold the server
// until the test times out) on a route a stranger
// or a phone can reach, and a bad body never fails anyone else's upload. Bodies are sent as
// text, so they can be nested deeper than any JSON.stringify (the test client's included) can
// write.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let collector: LoggedIn;
let coordinator: LoggedIn;
let token: string;
let storedSurvey: Record<string, unknown>;
let storedResident: Record<string, unknown>;
let ipCounter = 0;

beforeAll(async () => {
  ({ app, cleanup } = await buildTestApp());
  // An interviewer files both kinds of record (a canvasser questionnaires only).
  collector = await loginAs(app, 'interviewer', ['DEMO01', 'DEMO07']);
  coordinator = await loginAs(app, 'coordinator');
  token = app.repos.communities.get('DEMO07')?.qrToken as string;
  storedSurvey = sampleSurvey();
  storedResident = sampleSurvey({ communityCode: 'DEMO07', channel: 'qr' });
  expect(
    (await post('/api/sync', JSON.stringify({ items: [storedSurvey] }), collector)).statusCode,
  ).toBe(200);
  expect(
    (await post(`/api/public/q/${token}/responses`, JSON.stringify(storedResident))).statusCode,
  ).toBe(200);
});
afterAll(async () => cleanup());

/** Each request from its own address, so the per-address rate limits never answer first. */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

function post(url: string, body: string, who?: LoggedIn) {
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: nextIp(),
    headers: {
      ...CLIENT_HEADERS,
      'content-type': 'application/json',
      ...(who ? { cookie: who.cookie } : {}),
    },
    payload: body,
  });
}

/** JSON text nested `levels` deep around `inner`, alternating arrays and objects. */
function nestText(levels: number, inner: string, objects: boolean): string {
  if (!objects) return `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
  return `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
}

const deepText = fc
  .record({
    levels: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1000, max: 30_000 })),
    objects: fc.boolean(),
  })
  .map(({ levels, objects }) => nestText(levels, '"A"', objects));

// Long text: an address or a note of up to 300,000 characters (900 KB as UTF-8) fits in a sync
// body, and went through a reader that takes time with the square of its length; past a route's
// body limit it is a 413.
const longText = fc
  .record({
    length: fc.integer({ min: 5_000, max: 300_000 }),
    char: fc.constantFrom('九', '1', ' '),
  })
  .map(({ length, char }) => JSON.stringify(char.repeat(length)));

const anyValueText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  deepText,
  longText,
  fc.string({ maxLength: 2000 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"\\u0000"', '"\\ud800"', '"\\u202e"', '1e309', '-0', 'null', '[]', '{}'),
);

/** A copy of a stored item (same id) with one field replaced by anything, as text. */
function storedItemVariant(item: Record<string, unknown>) {
  return fc
    .record({
      field: fc.constantFrom(...Object.keys(item), 'answers', 'extra'),
      value: anyValueText,
    })
    .map(({ field, value }) => {
      const rest = Object.fromEntries(Object.entries(item).filter(([k]) => k !== field));
      return `${JSON.stringify(rest).slice(0, -1)},${JSON.stringify(field)}:${value}}`;
    });
}

const itemText = fc.oneof(
  anyValueText,
  fc.constant(null).map(() => JSON.stringify(sampleSurvey())),
  fc.constant(null).map(() => JSON.stringify(sampleInterview())),
  fc.constant(null).chain(() => storedItemVariant(storedSurvey)),
);

const syncBody = fc.oneof(
  anyValueText,
  fc
    .array(itemText, { minLength: 1, maxLength: 8 })
    .map((items) => `{"items":[${items.join(',')}]}`),
);

const outboxBody = fc.oneof(
  anyValueText,
  fc
    .record({
      exportedBy: anyValueText,
      exportedAt: anyValueText,
      items: fc.array(itemText, { minLength: 1, maxLength: 8 }),
    })
    .map(
      ({ exportedBy, exportedAt, items }) =>
        `{"format":"jiuting-outbox","version":1,"exportedAt":${exportedAt},"exportedBy":${exportedBy},"items":[${items.join(',')}]}`,
    ),
);

const residentBody = fc.oneof(
  anyValueText,
  fc.constant(null).chain(() => storedItemVariant(storedResident)),
);

/** A healthy batch sent alongside, which must be stored whatever the other body did. */
async function alongsideHealthyBatch(bad: Promise<{ statusCode: number }>) {
  const healthy = post(
    '/api/sync',
    JSON.stringify({ items: [sampleSurvey(), sampleInterview()] }),
    collector,
  );
  const [badRes, goodRes] = await Promise.all([bad, healthy]);
  expect(badRes.statusCode).toBeLessThan(500);
  expect(goodRes.statusCode).toBe(200);
  expect(goodRes.json().results.map((r: { status: string }) => r.status)).toEqual([
    'accepted',
    'accepted',
  ]);
}

describe('no body produces a 5xx, and none fails another upload', () => {
  it('POST /api/sync', async () => {
    await fc.assert(
      fc.asyncProperty(syncBody, (body) =>
        alongsideHealthyBatch(post('/api/sync', body, collector)),
      ),
      { numRuns: 60 },
    );
  });

  it('POST /api/public/q/:token/responses (no login)', async () => {
    await fc.assert(
      fc.asyncProperty(residentBody, (body) =>
        alongsideHealthyBatch(post(`/api/public/q/${token}/responses`, body)),
      ),
      { numRuns: 60 },
    );
  });

  it('POST /api/outbox-import', async () => {
    await fc.assert(
      fc.asyncProperty(outboxBody, (body) =>
        alongsideHealthyBatch(post('/api/outbox-import', body, coordinator)),
      ),
      { numRuns: 40 },
    );
  });

  it('POST /api/auth/login and GET /api/public/q/:token (no login)', async () => {
    await fc.assert(
      fc.asyncProperty(anyValueText, fc.string({ maxLength: 100 }), async (body, t) => {
        expect((await post('/api/auth/login', body)).statusCode).toBeLessThan(500);
        const res = await app.inject({
          method: 'GET',
          url: `/api/public/q/${encodeURIComponent(t)}`,
          remoteAddress: nextIp(),
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
