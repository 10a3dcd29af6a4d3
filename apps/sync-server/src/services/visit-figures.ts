import type { SampleFigures, VisitFigures } from '@jiuting/api-contract';
import type { CollectorVisitCounts, SampleCoverage, VisitCounts } from '../repositories/visits.ts';

const NO_VISITS: VisitFigures = { notHome: 0, refused: 0, vacant: 0, revisit: 0 };

/** Adds each row's visits by outcome and its sample to the coverage rows (by community code). */
export function withVisitFigures<T extends { code: string }>(
  rows: readonly T[],
  counts: readonly VisitCounts[],
  samples: readonly SampleCoverage[],
): (T & { visits: VisitFigures; sample: SampleFigures | null })[] {
  const byCode = new Map(counts.map((c) => [c.code, c]));
  const sampleOf = new Map(samples.map((s) => [s.code, s]));
  return rows.map((row) => {
    const c = byCode.get(row.code);
    const s = sampleOf.get(row.code);
    return {
      ...row,
      visits: c
        ? { notHome: c.notHome, refused: c.refused, vacant: c.vacant, revisit: c.revisit }
        : NO_VISITS,
      sample: s
        ? {
            seed: s.seed,
            drawnAt: s.drawnAt,
            size: s.size,
            reserveSize: s.reserveSize,
            countedSample: s.countedSample,
            countedReserve: s.countedReserve,
          }
        : null,
    };
  });
}

/** The town's visits by outcome: the sum of the rows shown. */
export function townVisits(rows: readonly { visits: VisitFigures }[]): VisitFigures {
  return rows.reduce(
    (t, r) => ({
      notHome: t.notHome + r.visits.notHome,
      refused: t.refused + r.visits.refused,
      vacant: t.vacant + r.visits.vacant,
      revisit: t.revisit + r.visits.revisit,
    }),
    NO_VISITS,
  );
}

/**
 * Adds each collector's visits by outcome; a collector with visits and nothing else still gets
 * a row (`newRow` makes it from the user), so the dashboard shows who knocked on doors.
 */
export function withCollectorVisits<T extends { userId: string; username: string }>(
  rows: readonly T[],
  counts: readonly CollectorVisitCounts[],
  newRow: (userId: string) => T | undefined,
): (T & { visits: Omit<VisitFigures, 'revisit'> })[] {
  const byUser = new Map(counts.map((c) => [c.userId, c]));
  const out = rows.map((row) => {
    const c = byUser.get(row.userId);
    byUser.delete(row.userId);
    return {
      ...row,
      visits: c
        ? { notHome: c.notHome, refused: c.refused, vacant: c.vacant }
        : { notHome: 0, refused: 0, vacant: 0 },
    };
  });
  for (const c of byUser.values()) {
    const row = newRow(c.userId);
    if (row) {
      out.push({ ...row, visits: { notHome: c.notHome, refused: c.refused, vacant: c.vacant } });
    }
  }
  return out.sort((a, b) => a.username.localeCompare(b.username));
}
