import {
  composeHouseholdAddress,
  householdKey,
  parseHouseholdAddress,
} from '@jiuting/questionnaire';
import type { OutboxDatabase } from '../outbox/db.ts';
import { keptForNext, type SurveyPrefill } from './prefill.ts';
import type { ListedHousehold } from './visit-list.ts';
import { nextHousehold, visitRows } from './visit-list.ts';
import { localMarks } from './visit-marks.ts';

/**
 * The boxes of the survey form for a household of the list, read from its address line (which
 * keys as the household does), so 弄 and 号 land in their own boxes.
 */
export function prefillFor(communityCode: string, h: ListedHousehold): SurveyPrefill {
  const parsed = parseHouseholdAddress(h.address);
  if (parsed === null) {
    return {
      communityCode,
      area: h.area,
      road: h.road,
      lane: '',
      building: h.building,
      unit: h.unit,
      room: h.room,
    };
  }
  return {
    communityCode,
    area: parsed.area ?? h.area,
    road: parsed.road ?? '',
    lane: parsed.lane ?? '',
    building: `${parsed.group ? `${parsed.group}组` : ''}${parsed.building}`,
    unit: parsed.unit ?? '',
    room: parsed.room ?? '',
  };
}

/**
 * 下一户: the submitted form's community, building up to the unit and channel, with the next
 * room of the stored visit list that is still to knock at; 室 left empty when the list has none
 * (or the phone has no list). Reads IndexedDB only: works offline.
 */
export async function nextSurveyPrefill(db: OutboxDatabase, form: unknown): Promise<SurveyPrefill> {
  const kept = keptForNext(form);
  const code = kept.communityCode ?? '';
  const stored = code === '' ? undefined : await db.visitLists.get(code);
  if (stored === undefined) return kept;
  const f = form as { room?: string };
  const key = householdKey(
    composeHouseholdAddress({ ...kept, building: kept.building ?? '', room: f.room ?? '' }),
  );
  if (key === null) return kept;
  const next = nextHousehold(visitRows(stored.list, await localMarks(db, code)), key);
  return next ? { ...prefillFor(code, next), channel: kept.channel } : kept;
}
