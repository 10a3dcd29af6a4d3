import { burstGroup, type ResponseFlag, responseFlags } from '@jiuting/questionnaire';
import type { QualityResponse } from '../repositories/quality.ts';
import { type FlaggedResponse, flaggedResponse, newestFirst } from './quality.ts';

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
  /** Every flagged response, in the report's order (newest first). */
  readonly flagged: readonly FlaggedResponse[];
}

interface State {
  seq: number;
  rest: string;
  rows: QualityResponse[];
  groups: Map<string, QualityResponse[]>;
  flags: Map<string, ResponseFlag[]>;
  flagged: FlaggedResponse[];
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
  const flags = responseFlags(rows);
  const flagged: FlaggedResponse[] = [];
  for (const row of rows) {
    const mine = flags.get(row.id);
    if (mine) flagged.push(flaggedResponse(row, mine));
  }
  return { seq, rest, rows, groups, flags, flagged: flagged.sort(newestFirst) };
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
  const changed = new Set<string>();
  const entries: FlaggedResponse[] = [];
  for (const row of affected) {
    changed.add(row.id);
    const mine = fresh.get(row.id);
    if (mine) {
      state.flags.set(row.id, mine);
      entries.push(flaggedResponse(row, mine));
    } else state.flags.delete(row.id);
  }
  // The list stays in order without sorting it whole: the affected rows' entries leave, their
  // new ones (sorted, few) are merged in.
  state.flagged = merge(
    state.flagged.filter((f) => !changed.has(f.id)),
    entries.sort(newestFirst),
  );
}

function merge(a: FlaggedResponse[], b: FlaggedResponse[]): FlaggedResponse[] {
  if (b.length === 0) return a;
  const out: FlaggedResponse[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(
      newestFirst(a[i] as FlaggedResponse, b[j] as FlaggedResponse) <= 0
        ? (a[i++] as FlaggedResponse)
        : (b[j++] as FlaggedResponse),
    );
  while (i < a.length) out.push(a[i++] as FlaggedResponse);
  while (j < b.length) out.push(b[j++] as FlaggedResponse);
  return out;
}
