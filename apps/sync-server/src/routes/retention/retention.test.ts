import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FULL_MARKS_ANSWERS, sampleInterview, sampleSurvey } from '@jiuting/questionnaire/testing';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeBackup } from '../../db/backup.ts';
import { buildTestApp, CLIENT_HEADERS, type LoggedIn, loginAs } from '../../testing.ts';
import { lockAcceptingAll } from '../assessment/test-kit.ts';

// Issue 18, retention: a locked year's raw answers, free texts and interview notes are deleted
// RETENTION_YEARS (here 2) after the lock; aggregates, results and the audit trail stay, and
// no backup taken before still holds them.

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let dbPath: string;
let clock: Date;
let backupDir: string;

// Text a resident might write, that must not outlive the rule anywhere.
const SUGGESTION = '楼道灯坏了很久没人修理请尽快修好';
const NOTE = '独居老人希望增加上门探访次数';

function call(who: LoggedIn, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...CLIENT_HEADERS, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const survey = sampleSurvey({
  collectedAt: '2025-12-20T10:00:00+08:00',
  answers: { ...FULL_MARKS_ANSWERS, q12: SUGGESTION },
});
const interview = sampleInterview({
  date: '2025-12-20',
  collectedAt: '2025-12-20T11:00:00+08:00',
  notes: NOTE,
});

beforeEach(async () => {
  clock = new Date('2025-12-24T02:00:00Z');
  ({ app, cleanup, dbPath } = await buildTestApp({ now: () => clock }));
  backupDir = join(dirname(dbPath), 'backups');
  const coordinator = await loginAs(app, 'coordinator');
  expect(
    (await call(coordinator, 'POST', '/api/assessment/years', { year: 2025 })).statusCode,
  ).toBe(200);
  const canvasser = await loginAs(app, 'canvasser');
  const interviewer = await loginAs(app, 'interviewer');
  expect(
    (await call(canvasser, 'POST', '/api/sync', { items: [survey] })).json().results[0].status,
  ).toBe('accepted');
  expect(
    (await call(interviewer, 'POST', '/api/sync', { items: [interview] })).json().results[0].status,
  ).toBe('accepted');
  // Last night's backup holds the answers.
  await takeBackup(app.db, { dir: backupDir, now: clock });
  clock = new Date('2026-01-10T02:00:00Z');
  await lockAcceptingAll(app, await loginAs(app, 'coordinator'), 2025, '镇党委定案');
  expect(app.repos.years.isLocked(2025)).toBe(true);
});
afterEach(async () => cleanup());

const demo01 = async (who: LoggedIn) =>
  (await call(who, 'GET', '/api/coverage?year=2025'))
    .json()
    .communities.find((c: { code: string }) => c.code === 'DEMO01');

describe('retention', () => {
  it('lists nothing as due before lock + 2 years, and the dry run deletes nothing', async () => {
    clock = new Date('2027-12-01T00:00:00Z');
    const coordinator = await loginAs(app, 'coordinator');
    const plan = (await call(coordinator, 'GET', '/api/retention')).json();
    expect(plan.retentionYears).toBe(2);
    expect(plan.years).toEqual([
      expect.objectContaining({
        year: 2025,
        state: 'locked',
        dueAt: '2028-01-10T02:00:00.000Z',
        due: false,
        responses: 1,
        interviewsWithText: 1,
        rawDeletedAt: null,
      }),
    ]);
    expect(plan.backups).toEqual([]);
  });

  it('deletes raw answers and notes when due, keeps aggregates, results and audit, and prunes older backups', async () => {
    clock = new Date('2028-02-01T00:00:00Z');
    const coordinator = await loginAs(app, 'coordinator');
    const resultsBefore = (await call(coordinator, 'GET', '/api/assessment/2025/results')).json();
    const coverageBefore = await demo01(coordinator);
    const oldBackups = readdirSync(backupDir);
    expect(oldBackups).toHaveLength(1);
    // What the check below looks for is there before the deletion.
    expect(
      readFileSync(join(backupDir, oldBackups[0] as string)).includes(Buffer.from(SUGGESTION)),
    ).toBe(true);

    const dry = (await call(coordinator, 'GET', '/api/retention')).json();
    expect(dry.years[0]).toMatchObject({ due: true, responses: 1, interviewsWithText: 1 });
    expect(dry.backups).toEqual(oldBackups);
    // A dry run changes nothing.
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(1);

    const talliesBefore = (
      await call(coordinator, 'GET', '/api/feedback/tallies?year=2025')
    ).json();
    expect(talliesBefore.respondents.town).toBe(1);
    const applied = await call(coordinator, 'POST', '/api/retention/apply', { confirm: '2025' });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().deleted).toEqual([{ year: 2025, responses: 1, interviews: 1 }]);

    // Raw answers gone; the interview keeps who, how and the view, not the words.
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
    const kept = JSON.parse(
      app.db.prepare('SELECT content FROM interviews').pluck().get() as string,
    );
    expect(kept).toMatchObject({ group: interview.group, view: interview.view });
    expect(kept.notes).toBeUndefined();
    // Aggregates and results as they were.
    expect(await demo01(coordinator)).toEqual(coverageBefore);
    expect((await call(coordinator, 'GET', '/api/feedback/tallies?year=2025')).json()).toEqual(
      talliesBefore,
    );
    // The texts are raw answers: gone with them.
    expect((await call(coordinator, 'GET', '/api/feedback/texts?year=2025')).json().total).toBe(0);
    expect((await call(coordinator, 'GET', '/api/assessment/2025/results')).json()).toEqual(
      resultsBefore,
    );
    expect((await call(coordinator, 'GET', '/api/assessment/2025')).json().year.rawDeletedAt).toBe(
      clock.toISOString(),
    );
    // The deletion is audited; the assessment's trail is kept.
    const audit = app.db
      .prepare("SELECT target, detail FROM audit WHERE action = 'retention_deleted' ORDER BY id")
      .all() as { target: string; detail: string }[];
    expect(audit.map((a) => a.target)).toEqual(['2025', 'backups']);
    expect(JSON.parse(audit[0]?.detail as string)).toMatchObject({ responses: 1, interviews: 1 });
    expect(JSON.stringify(audit)).not.toContain(SUGGESTION);
    const trail = (await call(coordinator, 'GET', '/api/assessment/2025/audit')).json();
    expect(JSON.stringify(trail)).toContain('year_locked');

    // The old backup is gone; the new one holds no trace of the words.
    const now = readdirSync(backupDir);
    expect(now).toEqual([applied.json().backup]);
    expect(now[0]).toMatch(/after-retention\.db$/);
    const copy = join(backupDir, now[0] as string);
    const bytes = readFileSync(copy);
    expect(bytes.includes(Buffer.from(SUGGESTION))).toBe(false);
    expect(bytes.includes(Buffer.from(NOTE))).toBe(false);
    const restored = new Database(copy, { readonly: true });
    try {
      expect(restored.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(0);
      expect(
        restored
          .prepare('SELECT sum(counted) FROM coverage_daily WHERE assessment_year = 2025')
          .pluck()
          .get(),
      ).toBe(1);
    } finally {
      restored.close();
    }

    // Running it again finds nothing due.
    const again = (await call(coordinator, 'POST', '/api/retention/apply', { confirm: '' })).json();
    expect(again.deleted).toEqual([]);
    expect(existsSync(copy)).toBe(true);
  });

  it('deletes nothing without the coordinator typing the due years, and says so in Chinese', async () => {
    clock = new Date('2028-02-01T00:00:00Z');
    const coordinator = await loginAs(app, 'coordinator');
    const bare = await call(coordinator, 'POST', '/api/retention/apply');
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('请输入将删除原始答卷的年度以确认');
    const wrong = await call(coordinator, 'POST', '/api/retention/apply', { confirm: '2024' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({
      error: 'retention_not_confirmed',
      message: expect.stringContaining('（2025）'),
    });
    expect(app.db.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(1);
    expect(
      app.db.prepare("SELECT count(*) FROM audit WHERE action = 'retention_deleted'").pluck().get(),
    ).toBe(0);
  });

  it('never touches an open year', async () => {
    clock = new Date('2031-01-01T00:00:00Z');
    const coordinator = await loginAs(app, 'coordinator');
    await call(coordinator, 'POST', '/api/assessment/years', { year: 2026 });
    const plan = (await call(coordinator, 'GET', '/api/retention')).json();
    expect(plan.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({
      state: 'open',
      dueAt: null,
      due: false,
    });
  });
});
