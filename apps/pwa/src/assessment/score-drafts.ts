// A scorer's typed but unsaved rows, kept in localStorage per year, department and item: leaving
// the screen any way (another item, another year, another page, a closed tab, a crash) keeps
// them as drafts, and the sheet brings them back marked unsaved. Only points and a basis are kept
// — figures about a community, nothing about a resident. A row stops being a draft when it equals
// what the server holds (saved, by this screen or another).

export interface ScoreDraft {
  readonly points: string;
  readonly basis: string;
}

const PREFIX = 'jiuting:score-drafts:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading localStorage itself throws in some locked-down browsers: drafts then live in memory.
    return null;
  }
}

export function scoreDraftsKey(year: number, department: string, itemId: string): string {
  return `${PREFIX}${year}:${department}:${itemId}`;
}

export function readScoreDrafts(key: string): Record<string, ScoreDraft> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(key) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const drafts: Record<string, ScoreDraft> = {};
    for (const [code, value] of Object.entries(parsed as Record<string, unknown>)) {
      const v = value as Partial<ScoreDraft> | null;
      if (typeof v?.points === 'string' && typeof v.basis === 'string') {
        drafts[code] = { points: v.points, basis: v.basis };
      }
    }
    return drafts;
  } catch {
    return {};
  }
}

/** Keeps exactly these rows (none: the key goes). */
export function writeScoreDrafts(key: string, drafts: Readonly<Record<string, ScoreDraft>>): void {
  try {
    if (Object.keys(drafts).length === 0) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(drafts));
  } catch {
    // A full or refused storage leaves the drafts in memory, with the warnings on leaving.
  }
}
