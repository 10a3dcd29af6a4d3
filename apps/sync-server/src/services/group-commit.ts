import type { Db } from '../db/open.ts';

export interface GroupCommitLogger {
  warn(obj: object, msg: string): void;
}

/** Requests join one transaction until it holds this many items (a single larger batch still goes alone). */
export const MAX_GROUP_ITEMS = 2000;

interface Waiting<Job, Result> {
  job: Job;
  itemCount: number;
  log: GroupCommitLogger;
  resolve(result: Result): void;
  reject(err: unknown): void;
}

/**
 * Group commit. A commit waits for the disk (synchronous=FULL), and while it does the event loop
 * stands still, so requests arriving meanwhile pile up. They are all stored in the next
 * transaction, one commit for all of them, in arrival order (so of two batches carrying the same
 * item the first stores it and the second finds it: a duplicate). Each request is answered only
 * once the transaction holding its items has committed; if that transaction fails, each request
 * in it is stored again alone (see commit), and one that fails alone is answered 500 and its
 * phone retries, which is safe because sync is idempotent. A request that finds the writer idle
 * (no commit since the event loop last went round) is stored at once, alone: it waits for nobody,
 * and two phones that happen to send at the same moment are answered one after the other rather
 * than always together (which kept them in lock-step and cost a quarter of the throughput with
 * two senders).
 *
 * `store` runs inside the group's transaction and must be synchronous; what it writes commits
 * with the rest of the group or not at all.
 */
export function groupCommit<Job, Result>(db: Db, store: (job: Job) => Result) {
  type W = Waiting<Job, Result>;
  const storeGroup = db.transaction((group: readonly W[]) => group.map((w) => store(w.job)));

  /**
   * Commits a group. When its transaction fails, each batch goes again alone, once, so one
   * poison batch fails only its own request and the phones sharing its group are answered as
   * usual. A fault that is the server's (disk full, read-only database) fails them all again.
   */
  function commit(group: readonly W[]): void {
    let results: Result[];
    try {
      results = storeGroup(group);
    } catch (err) {
      if (group.length === 1) {
        (group[0] as W).reject(err);
        return;
      }
      (group[0] as W).log.warn(
        { err, batches: group.length },
        'group commit failed; storing each batch alone',
      );
      for (const w of group) commit([w]);
      return;
    }
    group.forEach((w, i) => {
      w.resolve(results[i] as Result);
    });
  }

  let waiting: W[] = [];
  let flushScheduled = false;
  // Set by each commit until the event loop has gone round: a request handled meanwhile arrived
  // while the writer was busy.
  let writerBusy = false;

  function noteCommit(): void {
    if (writerBusy) return;
    writerBusy = true;
    setImmediate(() => {
      writerBusy = false;
    });
  }

  function flush(): void {
    flushScheduled = false;
    // A bounded group keeps one transaction's time (and so the first request's wait) in check.
    let items = 0;
    let taken = 0;
    while (taken < waiting.length && (taken === 0 || items < MAX_GROUP_ITEMS)) {
      items += (waiting[taken] as W).itemCount;
      taken += 1;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    if (waiting.length > 0) scheduleFlush();
    try {
      commit(group);
    } finally {
      noteCommit();
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  /** Stores `job` in the next group and answers once that group's transaction has committed. */
  return (job: Job, itemCount: number, log: GroupCommitLogger): Promise<Result> =>
    new Promise((resolve, reject) => {
      const idle = waiting.length === 0 && !writerBusy;
      waiting.push({ job, itemCount, log, resolve, reject });
      if (idle) flush();
      else scheduleFlush();
    });
}
