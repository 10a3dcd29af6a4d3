// A full or read-only disk fails every phone's sync, and phones retry: one stack trace a request
// buried the journal for the whole outage. The first error of a kind is logged in full; while
// the same error goes on, one line a minute says how many there were.

/** How often a run of the same error is reported while it lasts. */
export const REPEAT_REPORT_MS = 60_000;

export type RepeatVerdict =
  /** The first of a run (or the first after a quiet minute): log it in full. */
  | { readonly log: 'first' }
  /** A minute since the last line: log that it goes on, with how many came since. */
  | { readonly log: 'repeated'; readonly count: number }
  | { readonly log: 'none' };

export function errorRepeats(now: () => number, everyMs = REPEAT_REPORT_MS) {
  const runs = new Map<string, { lastAt: number; reportedAt: number; unreported: number }>();
  return (key: string): RepeatVerdict => {
    const at = now();
    const run = runs.get(key);
    if (!run || at - run.lastAt >= everyMs) {
      // Bounded: error messages are few, but a bug could make them many.
      if (!run && runs.size >= 100) runs.clear();
      runs.set(key, { lastAt: at, reportedAt: at, unreported: 0 });
      return { log: 'first' };
    }
    run.lastAt = at;
    run.unreported += 1;
    if (at - run.reportedAt < everyMs) return { log: 'none' };
    const count = run.unreported;
    run.reportedAt = at;
    run.unreported = 0;
    return { log: 'repeated', count };
  };
}
