import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { backupFileName, pruneBackupsBefore, takeBackup } from '../db/backup.ts';
import type { Db } from '../db/open.ts';
import { auditRepository } from '../repositories/audit.ts';

// Retention (PIPL: keep personal information no longer than needed). The rule, in docs/api.md
// and the deploy guide: RETENTION_YEARS (default 2) years after a year is locked, its raw
// answers (every response: answers, addresses as typed, paradata, fingerprints), and the free
// texts and notes of its interviews are deleted. What stays: the per-community aggregates (the
// coverage summary, with each year's counts and score sums; the interviews' group, method, view
// and date), the locked results and snapshot, and the audit trails (which hold no answers).
// Backups taken before the deletion still hold what was deleted, so they go with it, once a new
// checked backup exists.

export interface RetentionYear {
  year: number;
  state: 'open' | 'locked';
  lockedAt: string | null;
  /** When the year's raw data falls due (lock + RETENTION_YEARS); null while open. */
  dueAt: string | null;
  due: boolean;
  /** When it was deleted; null while kept. */
  rawDeletedAt: string | null;
  /** What a deletion now would remove: responses, and interviews that carry free text. */
  responses: number;
  interviewsWithText: number;
}

export interface RetentionPlan {
  retentionYears: number;
  checkedAt: string;
  years: RetentionYear[];
  /** Backup files a deletion now would prune (taken before it), by name. */
  backups: string[];
}

export interface RetentionOptions {
  retentionYears: number;
  now: Date;
  backupDir: string;
  backupCopyDir?: string | undefined;
}

export interface RetentionResult extends RetentionPlan {
  /** The years whose raw data this run deleted. */
  deleted: { year: number; responses: number; interviews: number }[];
  /** The checked backup taken after the deletion (null when nothing was due). */
  backup: string | null;
}

/** Lock + N years, on the calendar (a lock on 29 February falls due on 1 March). */
export function retentionDueAt(lockedAt: string, retentionYears: number): string {
  const due = new Date(lockedAt);
  due.setUTCFullYear(due.getUTCFullYear() + retentionYears);
  return due.toISOString();
}

const INTERVIEW_TEXT = `(json_extract(content, '$.needs') IS NOT NULL
  OR json_extract(content, '$.problems') IS NOT NULL
  OR json_extract(content, '$.notes') IS NOT NULL)`;

const AGGREGATE_TABLES = [
  'feedback_option_counts',
  'feedback_respondents',
  'register_year_summary',
] as const;

function backupNames(dirs: readonly (string | undefined)[], before: Date): string[] {
  const cutoff = backupFileName(before).slice(0, 24);
  return dirs.flatMap((dir) =>
    dir && existsSync(dir)
      ? readdirSync(dir).filter(
          (n) => n.endsWith('.db') && /^\d{4}-/.test(n) && n.slice(0, 24) < cutoff,
        )
      : [],
  );
}

/**
 * What a coordinator types to confirm a deletion: the due years as the dry run lists them
 * (2025, or 2025、2026), '' when nothing is due.
 */
export function retentionConfirmation(plan: RetentionPlan): string {
  return plan.years
    .filter((y) => y.due)
    .map((y) => String(y.year))
    .join('、');
}

/** The dry run: what the rule would delete now, year by year, and which backups would go. */
export function retentionPlan(db: Db, options: RetentionOptions): RetentionPlan {
  const rows = db
    .prepare<
      [],
      {
        year: number;
        state: 'open' | 'locked';
        lockedAt: string | null;
        rawDeletedAt: string | null;
      }
    >(
      `SELECT year, state, locked_at AS lockedAt, raw_deleted_at AS rawDeletedAt
       FROM assessment_years ORDER BY year`,
    )
    .all();
  const countResponses = db
    .prepare<[number], number>('SELECT count(*) FROM responses WHERE assessment_year = ?')
    .pluck();
  const countInterviews = db
    .prepare<[number], number>(
      `SELECT count(*) FROM interviews WHERE assessment_year = ? AND ${INTERVIEW_TEXT}`,
    )
    .pluck();
  const now = options.now.toISOString();
  const years = rows.map((y): RetentionYear => {
    const dueAt = y.lockedAt === null ? null : retentionDueAt(y.lockedAt, options.retentionYears);
    const responses = countResponses.get(y.year) ?? 0;
    const interviewsWithText = countInterviews.get(y.year) ?? 0;
    return {
      ...y,
      dueAt,
      due:
        y.state === 'locked' &&
        dueAt !== null &&
        dueAt <= now &&
        (responses > 0 || interviewsWithText > 0),
      responses,
      interviewsWithText,
    };
  });
  const anyDue = years.some((y) => y.due);
  return {
    retentionYears: options.retentionYears,
    checkedAt: now,
    years,
    backups: anyDue ? backupNames([options.backupDir, options.backupCopyDir], options.now) : [],
  };
}

/**
 * Deletes what the plan says is due, in one transaction with its audit row per year; then takes
 * a checked backup (which no longer holds it) and prunes every older one.
 */
export async function applyRetention(
  db: Db,
  options: RetentionOptions & { actorUserId: string | null },
): Promise<RetentionResult> {
  const plan = retentionPlan(db, options);
  const due = plan.years.filter((y) => y.due);
  if (due.length === 0) return { ...plan, backups: [], deleted: [], backup: null };
  const at = options.now.toISOString();
  const audit = auditRepository(db);
  const keptCoverage = db.prepare('SELECT * FROM coverage_daily WHERE assessment_year = ?');
  const restoreCoverage = db.prepare(
    `INSERT OR REPLACE INTO coverage_daily (assessment_year, community_code, user_key, day,
       responses, counted, score_sum, last_received_at)
     VALUES (@assessment_year, @community_code, @user_key, @day, @responses, @counted,
       @score_sum, @last_received_at)`,
  );
  // Overwrite freed pages with zeros, so what is deleted is gone from the file (and from the
  // next backup), not merely unlinked.
  // The per-community tallies of q10/q11 and the register's yearly figures are aggregates too
  // (no text, no address): kept as they were while the answers they were counted from go.
  const keptAggregates = (year: number) => {
    const kept = AGGREGATE_TABLES.map((table) => ({
      table,
      rows: db
        .prepare<[number], Record<string, unknown>>(
          `SELECT * FROM ${table} WHERE assessment_year = ?`,
        )
        .all(year),
    }));
    return {
      restore() {
        for (const { table, rows } of kept) {
          db.prepare(`DELETE FROM ${table} WHERE assessment_year = ?`).run(year);
          for (const row of rows) {
            const columns = Object.keys(row);
            db.prepare(
              `INSERT INTO ${table} (${columns.join(', ')})
               VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
            ).run(row);
          }
        }
      },
    };
  };
  const secureDelete = db.pragma('secure_delete', { simple: true });
  db.pragma('secure_delete = ON');
  let deleted: RetentionResult['deleted'];
  try {
    deleted = db.transaction(() =>
      due.map((y) => {
        // The summary is what stays of the year's responses: kept as it is while they go.
        const coverage = keptCoverage.all(y.year);
        const aggregates = keptAggregates(y.year);
        const responses = db
          .prepare('DELETE FROM responses WHERE assessment_year = ?')
          .run(y.year).changes;
        db.prepare('DELETE FROM coverage_daily WHERE assessment_year = ?').run(y.year);
        for (const row of coverage) restoreCoverage.run(row);
        aggregates.restore();
        // content_hash stays: a phone resending one of these items is still answered duplicate.
        const interviews = db
          .prepare(
            `UPDATE interviews SET content = json_remove(content, '$.needs', '$.problems', '$.notes')
             WHERE assessment_year = ? AND ${INTERVIEW_TEXT}`,
          )
          .run(y.year).changes;
        db.prepare('UPDATE assessment_years SET raw_deleted_at = ? WHERE year = ?').run(at, y.year);
        audit.record({
          at,
          actorUserId: options.actorUserId,
          action: 'retention_deleted',
          target: String(y.year),
          detail: {
            year: y.year,
            lockedAt: y.lockedAt,
            retentionYears: options.retentionYears,
            responses,
            interviews,
          },
        });
        return { year: y.year, responses, interviews };
      }),
    )();
  } finally {
    db.pragma(`secure_delete = ${Number(secureDelete)}`);
  }
  // Out of the write-ahead log too, where the old pages may still sit.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const backup = await takeBackup(db, {
    dir: options.backupDir,
    copyDir: options.backupCopyDir,
    label: 'after-retention',
    now: options.now,
  });
  // The new copy is named for this moment; every copy older still holds the deleted data.
  const pruned = [
    ...pruneBackupsBefore(options.backupDir, options.now),
    ...(options.backupCopyDir ? pruneBackupsBefore(options.backupCopyDir, options.now) : []),
  ].map((p) => basename(p));
  audit.record({
    at,
    actorUserId: options.actorUserId,
    action: 'retention_deleted',
    target: 'backups',
    detail: { backup: basename(backup.path), pruned: pruned.length },
  });
  return { ...plan, backups: pruned, deleted, backup: basename(backup.path) };
}
