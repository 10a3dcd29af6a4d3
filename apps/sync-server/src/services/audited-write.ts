import type { Db } from '../db/open.ts';
import type { AuditRecord, AuditRepository } from '../repositories/audit.ts';

/** What a write hands back: its answer and the audit row(s) that say what it did. */
export interface Audited<T> {
  result: T;
  audit: AuditRecord | readonly AuditRecord[];
}

export type AuditedWrite = <T>(write: () => Audited<T>) => T;

/**
 * One write request = one transaction holding its check, its write and its audit row (as ODK
 * Central's endpoint wrapper does). `write` must be synchronous: async work (hashing, reading
 * an upload) is done before, never between the check and the write. A write cannot be made
 * without naming its audit row, and a failure anywhere leaves neither.
 */
export function auditedWrite(db: Db, audit: AuditRepository): AuditedWrite {
  return <T>(write: () => Audited<T>): T =>
    db.transaction(() => {
      const done = write();
      const rows: readonly AuditRecord[] = Array.isArray(done.audit)
        ? done.audit
        : [done.audit as AuditRecord];
      for (const row of rows) audit.record(row);
      return done.result;
    })();
}
