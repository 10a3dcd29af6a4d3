import type { OutboxDatabase } from '../outbox/db.ts';
import { isCounted, latestMarks, visitState } from './visit-list.ts';
import { localMarks } from './visit-marks.ts';

/**
 * Whether a household already counts toward coverage, by the last synced list or by a survey
 * this phone holds for it. Reads IndexedDB only (works offline); false without a stored list
 * or survey. Loaded by the survey form only when an address is typed.
 */
export async function householdAlreadyCounted(
  db: OutboxDatabase,
  communityCode: string,
  key: string,
  exceptItemId?: string,
): Promise<boolean> {
  const items = await localMarks(db, communityCode, exceptItemId);
  const mark = latestMarks(items).get(key);
  if (mark?.kind === 'survey') return true;
  const stored = await db.visitLists.get(communityCode);
  const household = stored?.list.households.find((h) => h.key === key);
  if (household === undefined) return false;
  return isCounted(visitState(household, mark, Date.parse(stored?.list.generatedAt ?? '')));
}
