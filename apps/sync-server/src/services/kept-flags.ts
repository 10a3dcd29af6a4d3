import { burstGroup, type ResponseFlag, responseFlags } from '@jiuting/questionnaire';
import type { QualityResponse } from '../repositories/quality.ts';

/** Where a scope's responses come from (a year's, or every year's). */
export interface FlagSource {
  /** The last stored response's seq, and a fingerprint of everything else the signals read. */
  changes(): { seq: number; rest: string };
  all(): QualityResponse[];
  /** The responses stored after `seq`, oldest first. */
  after(seq: number): QualityResponse[];
}

export interface FlaggedRows {
  readonly rows: readonly QualityResponse[];
  readonly flags: ReadonlyMap<string, ResponseFlag[]>;
}

interface State {
  seq: number;
  rest: string;
  rows: QualityResponse[];
  groups: Map<string, QualityResponse[]>;
  flags: Map<string, ResponseFlag[]>;
}

/**
 * A scope's responses with their quality flags, kept between requests. Phones store responses
 * all day, and recomputing a year after each (reading every row, running the signals) took
 * seconds at 100,000; a new response changes only its own flags and its burst group's, so when
 * nothing but new responses arrived, only those rows are read and only their groups re-run.
 * Anything else (a stored response changed or removed, a salt, a name) recomputes the scope.
 * The result always equals a recount over every row (kept-flags.property.test.ts).
 */
export function keptFlags(source: FlagSource): () => FlaggedRows {
  let state: State | undefined;
  return () => {
    const { seq, rest } = source.changes();
    if (state === undefined || state.rest !== rest || seq < state.seq) {
      state = recount(source.all(), seq, rest);
    } else if (seq > state.seq) {
      addNew(state, source.after(state.seq));
      state.seq = seq;
    }
    return state;
  };
}

function recount(rows: QualityResponse[], seq: number, rest: string): State {
  const groups = new Map<string, QualityResponse[]>();
  for (const row of rows) join(groups, row);
  return { seq, rest, rows, groups, flags: responseFlags(rows) };
}

function join(groups: Map<string, QualityResponse[]>, row: QualityResponse): string | null {
  const key = burstGroup(row);
  if (key === null) return null;
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
  return key;
}

function addNew(state: State, added: readonly QualityResponse[]): void {
  if (added.length === 0) return;
  const touched = new Set<string>();
  const alone: QualityResponse[] = [];
  for (const row of added) {
    state.rows.push(row);
    const key = join(state.groups, row);
    if (key === null) alone.push(row);
    else touched.add(key);
  }
  // A group's bursts depend on all of its rows and on nothing outside it.
  const affected = [...alone, ...[...touched].flatMap((key) => state.groups.get(key) ?? [])];
  const fresh = responseFlags(affected);
  for (const row of affected) {
    const mine = fresh.get(row.id);
    if (mine) state.flags.set(row.id, mine);
    else state.flags.delete(row.id);
  }
}
