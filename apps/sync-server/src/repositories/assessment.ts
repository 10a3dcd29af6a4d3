import type {
  BonusInput,
  CombinationRule,
  DeductionCase,
  DepartmentId,
  GradeRule,
  Honour,
  ItemId,
  SatisfactionOverride,
  SelfGovernanceCase,
  YearSettings,
} from '@jiuting/scorecard';
import type { Db } from '../db/open.ts';

// All SQL of the comprehensive assessment (附件2). Rules live in @jiuting/scorecard; this module
// stores what the routes accepted and reads it back in plain shapes.

export type AssessmentState = 'open' | 'locked';

export interface LockedCommunity {
  code: string;
  name: string;
  type: '导入居' | '村改居';
  /** The survey's satisfaction points at the moment of locking. */
  computed: number | null;
  /** Household coverage (absent from snapshots taken before it was kept). */
  coverage?: { surveyed: number; total: number; ratio: number; meetsTarget: boolean };
  interviews?: { count: number; meetsTarget: boolean };
}

/** An incompleteness the team accepted at the lock, with its reason. */
export interface LockException {
  key: string;
  kind: string;
  message: string;
  reason: string;
}

export interface AssessmentYear {
  year: number;
  state: AssessmentState;
  createdAt: string;
  lockedAt: string | null;
  lockedBy: string | null;
  lockNote: string | null;
  /** Set once locked: the communities and survey points the result is frozen on. */
  lockedSnapshot: LockedCommunity[] | null;
  /** The year's grading rule; null is the scorecard's default. */
  gradeRule: GradeRule | null;
  /** What the lock accepted as incomplete; [] when nothing was. */
  lockExceptions: LockException[];
  /** The year's settings; null is the scorecard's DEFAULT_YEAR_SETTINGS. */
  settings: YearSettings | null;
  /** The questionnaire version the year collects with. */
  questionnaireVersion: number;
  /** The collection window (Shanghai days, inclusive); null ends are open. */
  collectionFrom: string | null;
  collectionTo: string | null;
  /** When retention deleted the year's raw answers and notes; null while they are kept. */
  rawDeletedAt: string | null;
}

/** What a new year starts with (see POST /assessment/years). */
export interface NewYear {
  year: number;
  by: string;
  at: string;
  questionnaireVersion: number;
  collectionFrom: string | null;
  collectionTo: string | null;
  /** Copied from the year before: the team's rule and figures carry over until changed. */
  gradeRule: GradeRule | null;
  settings: YearSettings | null;
}

/** An item's confirmed score for one community: what the lead confirmed, and by which rule. */
export interface ItemScore {
  communityCode: string;
  itemId: ItemId;
  points: number;
  basis: string;
  /** The lead department that confirmed it. */
  department: DepartmentId;
  enteredBy: string;
  enteredAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  combinationRule: CombinationRule;
}

/** One department's own entry for one item of one community. */
export interface ItemEntry {
  communityCode: string;
  itemId: ItemId;
  department: DepartmentId;
  points: number;
  basis: string;
  enteredBy: string;
  /** The account's display name, for the lead's side-by-side view. */
  enteredByName: string;
  enteredAt: string;
}

export interface Adjustments {
  communityCode: string;
  bonus: BonusInput;
  deductions: DeductionCase[];
  satisfactionOverride: SatisfactionOverride | null;
}

export interface HotlineFigures {
  communityCode: string;
  ordersThisYear: number;
  ordersLastYear: number;
  /** Percent, 0–100. */
  satisfactionRate: number;
  importedAt: string;
}

export interface Proposal {
  id: number;
  communityCode: string;
  kind: 'honour' | 'case' | 'deduction';
  /** The Honour, SelfGovernanceCase or DeductionCase proposed. */
  entry: Honour | SelfGovernanceCase | DeductionCase;
  evidence: string;
  department: string;
  proposedByName: string;
  proposedAt: string;
  state: 'proposed' | 'accepted' | 'refused';
  decidedAt: string | null;
  decisionReason: string | null;
}

export type AssessmentAuditAction =
  | 'year_created'
  | 'year_opened'
  | 'collection_set'
  | 'item_scored'
  | 'item_confirmed'
  | 'item_confirmation_dropped'
  | 'bonus_set'
  | 'deductions_set'
  | 'satisfaction_override_set'
  | 'hotline_imported'
  | 'grade_rule_set'
  | 'settings_set'
  | 'adjustment_proposed'
  | 'proposal_accepted'
  | 'proposal_refused'
  | 'lock_exception_accepted'
  | 'year_locked';

/** One row of a year's audit trail as written. */
export interface AssessmentAuditRecord {
  year: number;
  at: string;
  actorUserId: string;
  actorName: string;
  action: AssessmentAuditAction;
  communityCode?: string | null;
  itemId?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AssessmentAuditEntry {
  id: number;
  at: string;
  actorUserId: string;
  actorName: string;
  action: AssessmentAuditAction;
  communityCode: string | null;
  itemId: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

interface YearRow {
  year: number;
  state: AssessmentState;
  created_at: string;
  locked_at: string | null;
  locked_by: string | null;
  lock_note: string | null;
  locked_snapshot: string | null;
  grade_rule: string | null;
  lock_exceptions: string | null;
  settings: string | null;
  questionnaire_version: number;
  collection_from: string | null;
  collection_to: string | null;
  raw_deleted_at: string | null;
}

const EMPTY_BONUS: BonusInput = { honours: [], cases: [] };

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function assessmentRepository(db: Db) {
  const yearRow = db.prepare<[number], YearRow>('SELECT * FROM assessment_years WHERE year = ?');
  const toYear = (r: YearRow): AssessmentYear => ({
    year: r.year,
    state: r.state,
    createdAt: r.created_at,
    lockedAt: r.locked_at,
    lockedBy: r.locked_by,
    lockNote: r.lock_note,
    lockedSnapshot: parse(r.locked_snapshot) as LockedCommunity[] | null,
    gradeRule: parse(r.grade_rule) as GradeRule | null,
    lockExceptions: (parse(r.lock_exceptions) as LockException[] | null) ?? [],
    settings: parse(r.settings) as YearSettings | null,
    questionnaireVersion: r.questionnaire_version,
    collectionFrom: r.collection_from,
    collectionTo: r.collection_to,
    rawDeletedAt: r.raw_deleted_at,
  });
  const scoreColumns = `community_code AS communityCode, item_id AS itemId, points, basis, department,
    entered_by AS enteredBy, entered_at AS enteredAt, confirmed_by AS confirmedBy,
    confirmed_at AS confirmedAt, combination_rule AS combinationRule`;
  const entryColumns = `e.community_code AS communityCode, e.item_id AS itemId, e.department,
    e.points, e.basis, e.entered_by AS enteredBy, u.display_name AS enteredByName,
    e.entered_at AS enteredAt`;
  const scoreOne = db.prepare<[number, string, string], ItemScore>(
    `SELECT ${scoreColumns} FROM assessment_item_scores
     WHERE year = ? AND community_code = ? AND item_id = ?`,
  );
  const adjustmentsOne = db.prepare<
    [number, string],
    { bonus: string; deductions: string; override: string | null }
  >(
    `SELECT bonus, deductions, satisfaction_override AS override FROM assessment_adjustments
     WHERE year = ? AND community_code = ?`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO assessment_audit (year, at, actor_user_id, actor_name, action, community_code,
       item_id, old_value, new_value, reason)
     VALUES (@year, @at, @actorUserId, @actorName, @action, @communityCode, @itemId, @oldValue,
       @newValue, @reason)`,
  );
  const ensureAdjustments = db.prepare(
    `INSERT OR IGNORE INTO assessment_adjustments (year, community_code, updated_at)
     VALUES (?, ?, ?)`,
  );

  /** Stores one adjustment column (JSON text, or null), creating the community's row first. */
  function writeAdjustment(
    column: 'bonus' | 'deductions' | 'satisfaction_override',
    year: number,
    communityCode: string,
    value: string | null,
    at: string,
  ): void {
    ensureAdjustments.run(year, communityCode, at);
    db.prepare(
      `UPDATE assessment_adjustments SET ${column} = ?, updated_at = ?
       WHERE year = ? AND community_code = ?`,
    ).run(value, at, year, communityCode);
  }

  return {
    /** Runs `work` in one transaction: a refused write leaves nothing behind, audit included. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },

    listYears(): AssessmentYear[] {
      return db
        .prepare<[], YearRow>('SELECT * FROM assessment_years ORDER BY year DESC')
        .all()
        .map(toYear);
    },
    getYear(year: number): AssessmentYear | undefined {
      const row = yearRow.get(year);
      return row ? toYear(row) : undefined;
    },
    createYear(y: NewYear): AssessmentYear {
      db.prepare(
        `INSERT INTO assessment_years (year, state, created_at, created_by, questionnaire_version,
           collection_from, collection_to, grade_rule, settings)
         VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        y.year,
        y.at,
        y.by,
        y.questionnaireVersion,
        y.collectionFrom,
        y.collectionTo,
        y.gradeRule === null ? null : JSON.stringify(y.gradeRule),
        y.settings === null ? null : JSON.stringify(y.settings),
      );
      return this.getYear(y.year) as AssessmentYear;
    },
    setCollection(
      year: number,
      c: {
        questionnaireVersion: number;
        collectionFrom: string | null;
        collectionTo: string | null;
      },
    ): void {
      db.prepare(
        `UPDATE assessment_years SET questionnaire_version = ?, collection_from = ?,
           collection_to = ? WHERE year = ?`,
      ).run(c.questionnaireVersion, c.collectionFrom, c.collectionTo, year);
    },
    setGradeRule(year: number, rule: GradeRule): void {
      db.prepare('UPDATE assessment_years SET grade_rule = ? WHERE year = ?').run(
        JSON.stringify(rule),
        year,
      );
    },
    setSettings(year: number, settings: YearSettings): void {
      db.prepare('UPDATE assessment_years SET settings = ? WHERE year = ?').run(
        JSON.stringify(settings),
        year,
      );
    },
    lockYear(
      year: number,
      input: {
        by: string;
        at: string;
        note: string;
        snapshot: LockedCommunity[];
        exceptions: LockException[];
      },
    ): void {
      db.prepare(
        `UPDATE assessment_years SET state = 'locked', locked_at = ?, locked_by = ?, lock_note = ?,
           locked_snapshot = ?, lock_exceptions = ? WHERE year = ? AND state = 'open'`,
      ).run(
        input.at,
        input.by,
        input.note,
        JSON.stringify(input.snapshot),
        JSON.stringify(input.exceptions),
        year,
      );
    },

    listScores(year: number): ItemScore[] {
      return db
        .prepare<[number], ItemScore>(
          `SELECT ${scoreColumns} FROM assessment_item_scores WHERE year = ?
           ORDER BY item_id, community_code`,
        )
        .all(year);
    },
    getScore(year: number, communityCode: string, itemId: string): ItemScore | undefined {
      return scoreOne.get(year, communityCode, itemId);
    },
    listEntries(year: number, itemId?: string): ItemEntry[] {
      return db
        .prepare<[number, string | null, string | null], ItemEntry>(
          `SELECT ${entryColumns} FROM assessment_item_entries e JOIN users u ON u.id = e.entered_by
           WHERE e.year = ? AND (? IS NULL OR e.item_id = ?)
           ORDER BY e.item_id, e.community_code, e.entered_at, e.department`,
        )
        .all(year, itemId ?? null, itemId ?? null);
    },
    getEntry(
      year: number,
      communityCode: string,
      itemId: string,
      department: string,
    ): ItemEntry | undefined {
      return db
        .prepare<[number, string, string, string], ItemEntry>(
          `SELECT ${entryColumns} FROM assessment_item_entries e JOIN users u ON u.id = e.entered_by
           WHERE e.year = ? AND e.community_code = ? AND e.item_id = ? AND e.department = ?`,
        )
        .get(year, communityCode, itemId, department);
    },
    /** Stores one department's own entry; other departments' entries for the item stay. */
    putEntry(
      year: number,
      entry: {
        communityCode: string;
        itemId: ItemId;
        points: number;
        basis: string;
        department: DepartmentId;
        by: string;
        at: string;
      },
    ): void {
      db.prepare(
        `INSERT INTO assessment_item_entries (year, community_code, item_id, department, points,
           basis, entered_by, entered_at)
         VALUES (@year, @communityCode, @itemId, @department, @points, @basis, @by, @at)
         ON CONFLICT (year, community_code, item_id, department) DO UPDATE SET
           points = excluded.points, basis = excluded.basis, entered_by = excluded.entered_by,
           entered_at = excluded.entered_at`,
      ).run({ year, ...entry });
    },
    /** The lead's confirmed figure for one community's item, replacing an earlier one. */
    putConfirmed(
      year: number,
      score: {
        communityCode: string;
        itemId: ItemId;
        points: number;
        basis: string;
        department: DepartmentId;
        rule: CombinationRule;
        by: string;
        at: string;
      },
    ): void {
      db.prepare(
        `INSERT OR REPLACE INTO assessment_item_scores (year, community_code, item_id, points, basis,
           department, entered_by, entered_at, confirmed_by, confirmed_at, combination_rule)
         VALUES (@year, @communityCode, @itemId, @points, @basis, @department, @by, @at, @by, @at,
           @rule)`,
      ).run({ year, ...score });
    },
    /** Takes a confirmation away; the caller records why in the audit trail. */
    dropConfirmed(year: number, communityCode: string, itemId: string): void {
      db.prepare(
        'DELETE FROM assessment_item_scores WHERE year = ? AND community_code = ? AND item_id = ?',
      ).run(year, communityCode, itemId);
    },

    getAdjustments(year: number, communityCode: string): Adjustments {
      const row = adjustmentsOne.get(year, communityCode);
      return {
        communityCode,
        bonus: row ? (JSON.parse(row.bonus) as BonusInput) : EMPTY_BONUS,
        deductions: row ? (JSON.parse(row.deductions) as DeductionCase[]) : [],
        satisfactionOverride: row ? (parse(row.override) as SatisfactionOverride | null) : null,
      };
    },
    listAdjustments(year: number): Adjustments[] {
      const rows = db
        .prepare<
          [number],
          { code: string; bonus: string; deductions: string; override: string | null }
        >(
          `SELECT community_code AS code, bonus, deductions, satisfaction_override AS override
           FROM assessment_adjustments WHERE year = ?`,
        )
        .all(year);
      return rows.map((r) => ({
        communityCode: r.code,
        bonus: JSON.parse(r.bonus) as BonusInput,
        deductions: JSON.parse(r.deductions) as DeductionCase[],
        satisfactionOverride: parse(r.override) as SatisfactionOverride | null,
      }));
    },
    setBonus(year: number, communityCode: string, bonus: BonusInput, at: string): void {
      writeAdjustment('bonus', year, communityCode, JSON.stringify(bonus), at);
    },
    setDeductions(
      year: number,
      communityCode: string,
      deductions: readonly DeductionCase[],
      at: string,
    ): void {
      writeAdjustment('deductions', year, communityCode, JSON.stringify(deductions), at);
    },
    setSatisfactionOverride(
      year: number,
      communityCode: string,
      override: SatisfactionOverride | null,
      at: string,
    ): void {
      writeAdjustment(
        'satisfaction_override',
        year,
        communityCode,
        override ? JSON.stringify(override) : null,
        at,
      );
    },

    listHotline(year: number): HotlineFigures[] {
      return db
        .prepare<[number], HotlineFigures>(
          `SELECT community_code AS communityCode, orders_this_year AS ordersThisYear,
             orders_last_year AS ordersLastYear, satisfaction_rate AS satisfactionRate,
             imported_at AS importedAt
           FROM assessment_hotline WHERE year = ? ORDER BY community_code`,
        )
        .all(year);
    },
    /** The year's figures become exactly these rows (a new file replaces the last one). */
    replaceHotline(
      year: number,
      rows: readonly Omit<HotlineFigures, 'importedAt'>[],
      by: string,
      at: string,
    ): void {
      db.prepare('DELETE FROM assessment_hotline WHERE year = ?').run(year);
      const insert = db.prepare(
        `INSERT INTO assessment_hotline (year, community_code, orders_this_year, orders_last_year,
           satisfaction_rate, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows) {
        insert.run(
          year,
          r.communityCode,
          r.ordersThisYear,
          r.ordersLastYear,
          r.satisfactionRate,
          at,
          by,
        );
      }
    },

    addProposal(
      year: number,
      p: {
        communityCode: string;
        kind: Proposal['kind'];
        entry: unknown;
        evidence: string;
        department: string;
        by: string;
        at: string;
      },
    ): number {
      return Number(
        db
          .prepare(
            `INSERT INTO assessment_proposals (year, community_code, kind, entry, evidence,
               department, proposed_by, proposed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            year,
            p.communityCode,
            p.kind,
            JSON.stringify(p.entry),
            p.evidence,
            p.department,
            p.by,
            p.at,
          ).lastInsertRowid,
      );
    },
    listProposals(year: number, department?: string): Proposal[] {
      return db
        .prepare<
          [number, string | null, string | null],
          Omit<Proposal, 'entry'> & { entry: string }
        >(
          `SELECT p.id, p.community_code AS communityCode, p.kind, p.entry, p.evidence, p.department,
             u.display_name AS proposedByName, p.proposed_at AS proposedAt, p.state,
             p.decided_at AS decidedAt, p.decision_reason AS decisionReason
           FROM assessment_proposals p JOIN users u ON u.id = p.proposed_by
           WHERE p.year = ? AND (? IS NULL OR p.department = ?) ORDER BY p.id DESC`,
        )
        .all(year, department ?? null, department ?? null)
        .map((r) => ({ ...r, entry: JSON.parse(r.entry) as Proposal['entry'] }));
    },
    decideProposal(
      id: number,
      decision: { state: 'accepted' | 'refused'; by: string; at: string; reason: string },
    ): void {
      db.prepare(
        `UPDATE assessment_proposals SET state = ?, decided_by = ?, decided_at = ?,
           decision_reason = ? WHERE id = ? AND state = 'proposed'`,
      ).run(decision.state, decision.by, decision.at, decision.reason, id);
    },

    recordAudit(entry: AssessmentAuditRecord): void {
      insertAudit.run({
        year: entry.year,
        at: entry.at,
        actorUserId: entry.actorUserId,
        actorName: entry.actorName,
        action: entry.action,
        communityCode: entry.communityCode ?? null,
        itemId: entry.itemId ?? null,
        oldValue: json(entry.oldValue ?? null),
        newValue: json(entry.newValue ?? null),
        reason: entry.reason ?? null,
      });
    },
    listAudit(year: number, limit = 1000): AssessmentAuditEntry[] {
      const rows = db
        .prepare<
          [number, number],
          Omit<AssessmentAuditEntry, 'oldValue' | 'newValue'> & {
            oldValue: string | null;
            newValue: string | null;
          }
        >(
          `SELECT id, at, actor_user_id AS actorUserId, actor_name AS actorName, action,
             community_code AS communityCode, item_id AS itemId, old_value AS oldValue,
             new_value AS newValue, reason
           FROM assessment_audit WHERE year = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(year, limit);
      return rows.map((r) => ({ ...r, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }));
    },
  };
}

export type AssessmentRepository = ReturnType<typeof assessmentRepository>;
