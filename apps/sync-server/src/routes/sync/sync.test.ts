import { createHash } from 'node:crypto';
import { sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../json/canonical-json.ts';
import {
  buildTestApp,
  CLIENT_HEADERS,
  failAuditInserts,
  type LoggedIn,
  loginAs,
} from '../../testing.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
// An interviewer files both kinds of record (a canvasser files questionnaires only).
let collector: LoggedIn;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp());
  collector = await loginAs(app, 'interviewer', ['DEMO01', 'DEMO02']);
});
afterEach(async () => cleanup());

function sync(items: unknown[], who: LoggedIn = collector) {
  return app.inject({
    method: 'POST',
    url: '/api/sync',
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    payload: { items },
  });
}

const count = (table: 'responses' | 'interviews') =>
  app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('POST /api/sync', () => {
  it('stores a retried batch once: the second send answers duplicate for every item', async () => {
    const items = [sampleSurvey(), sampleSurvey(), sampleInterview()];
    const first = await sync(items);
    expect(first.statusCode).toBe(200);
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    const second = await sync(items);
    expect(second.json().results).toEqual(
      items.map((i) => expect.objectContaining({ id: i.id, status: 'duplicate' })),
    );
    expect(count('responses')).toBe(2);
    expect(count('interviews')).toBe(1);
  });

  it('treats the same content with keys in another order as a duplicate, not a conflict', async () => {
    const item = sampleSurvey();
    await sync([item]);
    const reordered = Object.fromEntries(Object.entries(item).reverse());
    const res = await sync([reordered]);
    expect(res.json().results[0].status).toBe('duplicate');
  });

  it('refuses an id already stored with different content as a conflict and keeps the original', async () => {
    const item = sampleSurvey({ householdAddress: '12号楼301室' });
    await sync([item]);
    const changed = { ...item, householdAddress: '12号楼302室' };
    const res = await sync([changed]);
    const [result] = res.json().results;
    expect(result.status).toBe('conflict');
    expect(result.error.error).toBe('id_conflict');
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    const stored = app.db
      .prepare('SELECT household_key FROM responses WHERE id = ?')
      .pluck()
      .get(item.id);
    expect(stored).toBe('12号301室');
  });

  it('accepts the good items of a mixed batch and rejects each bad one with field-level reasons', async () => {
    const good1 = sampleSurvey();
    const badAnswer = sampleSurvey({ answers: { q1: 'A' } });
    const unknownCommunity = sampleSurvey({ communityCode: 'NOPE99' });
    const notAssigned = sampleInterview({ communityCode: 'DEMO03' });
    const good2 = sampleInterview();
    const res = await sync([good1, badAnswer, unknownCommunity, notAssigned, good2, 'junk']);
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
      'rejected',
    ]);
    expect(results[1].error.error).toBe('validation_failed');
    expect(results[1].error.issues).toContainEqual({ path: 'answers.q3', message: '请回答第3题' });
    expect(results[2].error.error).toBe('community_unknown');
    expect(results[3].error.error).toBe('community_not_assigned');
    expect(count('responses')).toBe(1);
    expect(count('interviews')).toBe(1);
  });

  it('records the sender, device session, arrival time, channel, household key and score', async () => {
    const item = sampleSurvey({ householdAddress: '１２栋３０１', channel: 'paper' });
    await sync([item]);
    const row = app.db.prepare('SELECT * FROM responses WHERE id = ?').get(item.id) as Record<
      string,
      unknown
    >;
    expect(row.user_id).toBe(collector.userId);
    expect(row.session_id).toEqual(expect.any(String));
    expect(row.received_at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect(row.channel).toBe('paper');
    expect(row.household_key).toBe('12号301室');
    expect(row.score).toBe(100);
    expect(row.counted).toBe(1);
    expect(row.source).toBe('sync');
  });

  it('keeps a second response from the same household but counts only the first', async () => {
    const first = sampleSurvey({ householdAddress: '5号楼101室' });
    const again = sampleSurvey({ householdAddress: '5-101' });
    const res = await sync([first, again]);
    expect(res.json().results.map((r: { repeat: boolean }) => r.repeat)).toEqual([false, true]);
    const rows = app.db.prepare('SELECT id, counted FROM responses ORDER BY seq').all() as {
      id: string;
      counted: number;
    }[];
    expect(rows).toEqual([
      { id: first.id, counted: 1 },
      { id: again.id, counted: 0 },
    ]);
  });

  it('stores SQL metacharacters and <script> verbatim, as text', async () => {
    const nasty = "'); DROP TABLE responses; -- <script>alert(1)</script>";
    const item = sampleSurvey({ answers: { ...(sampleSurvey().answers as object), q12: nasty } });
    const res = await sync([item]);
    expect(res.json().results[0].status).toBe('accepted');
    const content = JSON.parse(app.repos.submissions.responseContent(item.id as string) ?? '{}');
    expect(content.answers.q12).toBe(nasty);
    expect(count('responses')).toBe(1);
  });

  it('rejects a request without the client header before anything is stored', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { cookie: collector.cookie },
      payload: { items: [sampleSurvey()] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf_header_missing');
    expect(count('responses')).toBe(0);
  });

  it('answers 401 unauthenticated without a session and stores nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: CLIENT_HEADERS,
      payload: { items: [sampleSurvey()] },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated', message: expect.any(String) });
    expect(count('responses')).toBe(0);
  });

  it('refuses an empty batch and a batch over 500 items as a whole', async () => {
    expect((await sync([])).json().error).toBe('validation_failed');
    const tooMany = Array.from({ length: 501 }, () => sampleSurvey());
    const res = await sync(tooMany);
    expect(res.statusCode).toBe(400);
    expect(count('responses')).toBe(0);
  });

  it('refuses an interview from a canvasser, item by item, as kind_not_allowed, and stores the surveys', async () => {
    const canvasser = await loginAs(app, 'canvasser', ['DEMO01']);
    const survey = sampleSurvey();
    const interview = sampleInterview();
    const res = await sync([survey, interview], canvasser);
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().results;
    expect(first).toMatchObject({ id: survey.id, status: 'accepted' });
    expect(second).toMatchObject({ id: interview.id, status: 'rejected' });
    expect(second.error.error).toBe('kind_not_allowed');
    expect(second.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(count('responses')).toBe(1);
    expect(count('interviews')).toBe(0);
  });

  it('lets an interviewer, a coordinator and an admin file interviews', async () => {
    for (const role of ['interviewer', 'coordinator', 'admin'] as const) {
      const who = await loginAs(app, role);
      const res = await sync([sampleInterview()], who);
      expect(res.json().results[0].status, role).toBe('accepted');
    }
  });

  it('lets a coordinator submit for any community', async () => {
    const coordinator = await loginAs(app, 'coordinator');
    const res = await sync([sampleSurvey({ communityCode: 'DEMO27' })], coordinator);
    expect(res.json().results[0].status).toBe('accepted');
  });

  it('answers 500 and stores nothing when the database cannot write, and the retry then stores every item', async () => {
    const items = [sampleSurvey(), sampleInterview()];
    app.db.pragma('query_only = ON');
    const failed = await sync(items);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
    app.db.pragma('query_only = OFF');
    expect(count('responses')).toBe(0);
    const retried = await sync(items);
    expect(retried.json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
  });

  it('answers duplicate, not rejected, when a stored item is resent after the rules were tightened', async () => {
    const item = sampleSurvey();
    await sync([item]);
    // As if a later release refused this content: the stored row is the old rules' acceptance.
    const tightened = {
      ...item,
      answers: { ...(item.answers as object), q12: '请联系13912345678' },
    };
    const content = JSON.stringify(
      Object.fromEntries(Object.entries(tightened).sort(([a], [b]) => (a < b ? -1 : 1))),
    );
    app.db
      .prepare('UPDATE responses SET content_hash = ?, content = ? WHERE id = ?')
      .run(createHash('sha256').update(canonicalJson(tightened)).digest('hex'), content, item.id);
    const res = await sync([tightened]);
    expect(res.json().results[0]).toEqual({ id: item.id, status: 'duplicate', repeat: false });
    // Other content under that id is still refused for what it is.
    const other = { ...tightened, answers: { ...(item.answers as object), q12: '13800001111' } };
    expect((await sync([other])).json().results[0].status).toBe('rejected');
  });
  it("answers retry with internal_error for an item the server failed to store, and stores the batch's other items", async () => {
    // A constraint the item breaks without being at fault (here a trigger standing in for one):
    // the phone must keep the item queued and send it again, not drop it as refused.
    app.db.exec(`CREATE TRIGGER refuse_demo02 BEFORE INSERT ON responses
      WHEN NEW.community_code = 'DEMO02' BEGIN SELECT RAISE(ABORT, 'simulated'); END`);
    const failing = sampleSurvey({ communityCode: 'DEMO02' });
    const res = await sync([sampleSurvey(), failing, sampleInterview()]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[1]).toEqual({
      id: failing.id,
      status: 'retry',
      error: { error: 'internal_error', message: '服务器内部错误，请稍后重试' },
    });
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'retry',
      'accepted',
    ]);
    app.db.exec('DROP TRIGGER refuse_demo02');
    expect((await sync([failing])).json().results[0].status).toBe('accepted');
  });

  it('leaves no trace of an item that fails to store: no row, no coverage, no feedback text', async () => {
    // The failure comes after the summary triggers may have run: the whole insert is undone.
    app.db.exec(`CREATE TRIGGER refuse_demo02_late AFTER INSERT ON responses
      WHEN NEW.community_code = 'DEMO02' BEGIN SELECT RAISE(ABORT, 'simulated'); END`);
    const failing = sampleSurvey({
      communityCode: 'DEMO02',
      answers: { ...sampleSurvey().answers, q12: '希望多组织邻里活动' },
    });
    const res = await sync([failing, sampleSurvey()]);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'retry',
      'accepted',
    ]);
    const inDemo02 = (table: string) =>
      app.db.prepare(`SELECT count(*) FROM ${table} WHERE community_code = 'DEMO02'`).pluck().get();
    expect(inDemo02('responses')).toBe(0);
    expect(inDemo02('coverage_daily')).toBe(0);
    expect(inDemo02('feedback_texts')).toBe(0);
    expect(inDemo02('feedback_respondents')).toBe(0);
    expect(inDemo02('feedback_option_counts')).toBe(0);
  });

  it('refuses a collection time after the server received it (beyond a few minutes) or before the assessment, naming the field', async () => {
    const receivedAt = app.now().getTime();
    const ahead = (ms: number) => new Date(receivedAt + ms).toISOString();
    const res = await sync([
      sampleSurvey({ collectedAt: ahead(10 * 60_000) }),
      sampleSurvey({ collectedAt: '9999-12-31T23:59:59+08:00' }),
      sampleSurvey({ collectedAt: '0000-01-01T00:00:00+08:00' }),
      sampleSurvey({ collectedAt: '2024-12-31T23:59:59+08:00' }),
      sampleInterview({ date: '9999-01-01' }),
      sampleSurvey({ collectedAt: ahead(60_000) }),
    ]);
    const results = res.json().results;
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(results[0].error.issues).toEqual([
      { path: 'collectedAt', message: '采集时间晚于当前时间，请检查手机的日期和时间' },
    ]);
    expect(results[4].error.issues).toEqual([
      { path: 'date', message: '访谈日期晚于今天，请检查访谈日期' },
    ]);
    const days = app.db.prepare('SELECT DISTINCT collected_day FROM responses').pluck().all();
    for (const day of days) expect(day).toMatch(/^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/);
  });

  it('refuses a household address holding a disguised phone number, naming the field', async () => {
    const res = await sync([sampleSurvey({ householdAddress: '138.1234.5678号301室' })]);
    expect(res.json().results[0].status).toBe('rejected');
    expect(res.json().results[0].error.issues).toEqual([
      {
        path: 'householdAddress',
        message: '门牌地址中不能包含手机号码或身份证号码，请只填写楼号、单元和室号',
      },
    ]);
    expect(count('responses')).toBe(0);
  });

  it('refuses a body nested deeper than any item with 400, before anything is stored', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: collector.cookie, 'content-type': 'application/json' },
      payload: `{"items":[${JSON.stringify(sampleSurvey())},${deep}]}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
    expect(count('responses')).toBe(0);
  });

  it('writes one audit row per batch, naming the sender and device with the counts, never an answer or an address', async () => {
    const items = [sampleSurvey({ householdAddress: '7号楼702室' }), sampleInterview()];
    await sync(items);
    await sync(items);
    const rows = app.db
      .prepare(
        "SELECT actor_user_id, target, detail FROM audit WHERE action = 'synced' ORDER BY id",
      )
      .all() as { actor_user_id: string; target: string; detail: string }[];
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      expect.objectContaining({ accepted: 2, duplicate: 0 }),
      expect.objectContaining({ accepted: 0, duplicate: 2 }),
    ]);
    expect(rows.map((r) => r.actor_user_id)).toEqual([collector.userId, collector.userId]);
    const sessionId = app.db.prepare('SELECT session_id FROM responses LIMIT 1').pluck().get();
    expect(rows[0]?.target).toBe(sessionId);
    expect(rows[0]?.detail).not.toMatch(/702|7号楼|q1/);
  });

  it('stores nothing of a batch whose audit row cannot be written, answers 500, and the resend stores it', async () => {
    const items = [sampleSurvey(), sampleInterview()];
    failAuditInserts(app, 'audit', 'synced');
    const failed = await sync(items);
    expect(failed.statusCode).toBe(500);
    expect(count('responses')).toBe(0);
    expect(count('interviews')).toBe(0);
    app.db.exec('DROP TRIGGER temp.fail_audit_inserts');
    const again = await sync(items);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
  });
});

describe('POST /api/sync with the sync writer thread (as the compiled server runs)', () => {
  it('answers and stores a batch exactly as the server storing it in process does', async () => {
    const inWorker = await buildTestApp({ syncWriter: true });
    try {
      const items = [
        sampleSurvey({ communityCode: 'DEMO01' }),
        sampleSurvey({
          communityCode: 'DEMO02',
          channel: 'qr',
          householdAddress: '九亭村·七组38号',
        }),
        sampleSurvey({ communityCode: 'DEMO01' }),
        sampleInterview(),
        { ...sampleSurvey(), answers: { q1: 'Z' } },
        sampleSurvey({ communityCode: 'NOPE99' }),
      ];
      const other = await loginAs(inWorker.app, 'interviewer', ['DEMO01', 'DEMO02']);
      const viaWorker = await inWorker.app.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { ...CLIENT_HEADERS, cookie: other.cookie },
        payload: { items },
      });
      const inProcess = await sync(items);
      expect(viaWorker.statusCode).toBe(200);
      expect(viaWorker.json()).toEqual(inProcess.json());
      expect(inWorker.app.syncWriter.counts()).toEqual({ thread: 1, inProcess: 0 });
      expect(app.syncWriter.counts()).toEqual({ thread: 0, inProcess: 1 });
      const rows = (db: FastifyInstance['db']) =>
        db
          .prepare(
            `SELECT id, content_hash, content, community_code, household_key, channel,
               collected_at, collected_day, score, scored, counted, assessment_year
             FROM responses ORDER BY id`,
          )
          .all();
      expect(rows(inWorker.app.db)).toEqual(rows(app.db));
      expect(rows(app.db)).toHaveLength(3);
      const interviews = (db: FastifyInstance['db']) =>
        db.prepare('SELECT id, content_hash, content, interview_group FROM interviews').all();
      expect(interviews(inWorker.app.db)).toEqual(interviews(app.db));
    } finally {
      await inWorker.cleanup();
    }
  });
});

describe('POST /api/sync: the body, read as on every route', () => {
  const raw = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { ...CLIENT_HEADERS, cookie: collector.cookie, 'content-type': 'application/json' },
      payload,
    });

  it('refuses malformed JSON, an empty body and a __proto__ key as every other route does', async () => {
    const malformed = await raw('{"items": [');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_json');
    expect((await raw('')).statusCode).toBe(400);
    const poisoned = await raw(`{"items": [{"__proto__": {"admin": true}}]}`);
    expect(poisoned.statusCode).toBe(400);
    // The same bodies on a route with Fastify's own parser.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...CLIENT_HEADERS, 'content-type': 'application/json' },
      payload: `{"username": "a", "__proto__": {"admin": true}}`,
    });
    expect(poisoned.json()).toEqual(elsewhere.json());
    expect(count('responses')).toBe(0);
  });

  it('stores a batch sent with a charset in its content type', async () => {
    const item = sampleSurvey();
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: {
        ...CLIENT_HEADERS,
        cookie: collector.cookie,
        'content-type': 'application/json; charset=utf-8',
      },
      payload: JSON.stringify({ items: [item] }),
    });
    expect(res.json().results).toEqual([
      expect.objectContaining({ id: item.id, status: 'accepted' }),
    ]);
  });
});
