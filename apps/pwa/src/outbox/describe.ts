import { householdKey, visitOutcomeLabel } from '@jiuting/questionnaire';
import type { OutboxItem } from './types.ts';

/** A one-line description of an item for lists: no answers, just where and what. */
export function describeItem(item: OutboxItem, communityName: (code: string) => string): string {
  const community = item.communityCode ? communityName(item.communityCode) : '未选居民区';
  if (item.kind === 'interview') return `访谈 · ${community}`;
  if (item.kind === 'visit') {
    const visit = item.payload as { householdAddress?: string; outcome?: string } | undefined;
    const key = householdKey(visit?.householdAddress ?? '') ?? visit?.householdAddress ?? '';
    return `走访 · ${community} · ${key} · ${visitOutcomeLabel(visit?.outcome ?? '')}`;
  }
  const form = item.form as { building?: string; unit?: string; room?: string } | undefined;
  const address =
    item.payload && 'householdAddress' in item.payload ? item.payload.householdAddress : undefined;
  const typed = form
    ? `${form.building ?? ''}号${form.unit ? `${form.unit}单元` : ''}${form.room ?? ''}室`
    : '';
  const key = householdKey(address ?? typed);
  return `问卷 · ${community} · ${key ?? '门牌未填'}`;
}
