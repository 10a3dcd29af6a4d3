import { describe, expect, it } from 'vitest';
import { collectionTimeIssues, fieldIssues, SyncItemSchema } from './schemas.ts';
import {
  VISIT_OUTCOMES,
  type VisitOutcome,
  VisitOutcomeSchema,
  visitOutcomeLabel,
} from './visit.ts';

const visit: VisitOutcome = {
  kind: 'visit',
  id: '6f1c1a4e-7d3b-4c52-9a8e-2b7f0c3d9e11',
  communityCode: 'JT-07',
  householdAddress: '九亭小区·100弄12号1单元301室',
  outcome: 'not_home',
  collectedAt: '2025-11-20T10:00:00+08:00',
};

function messages(input: unknown): string[] {
  const parsed = SyncItemSchema.safeParse(input);
  return parsed.success ? [] : fieldIssues(parsed.error).map((i) => `${i.path}: ${i.message}`);
}

describe('a visit outcome', () => {
  it('is a sync item of its own kind, kept exactly as sent', () => {
    expect(SyncItemSchema.parse({ ...visit })).toStrictEqual(visit);
    expect(VisitOutcomeSchema.parse({ ...visit })).toStrictEqual(visit);
  });

  it('offers exactly 不在家, 拒访 and 空置', () => {
    expect(VISIT_OUTCOMES.map((o) => o.label)).toEqual(['不在家', '拒访', '空置']);
    for (const { id } of VISIT_OUTCOMES) expect(messages({ ...visit, outcome: id })).toEqual([]);
    expect(visitOutcomeLabel('refused')).toBe('拒访');
  });

  it('refuses an unknown outcome with a Chinese message', () => {
    expect(messages({ ...visit, outcome: 'moved' })).toEqual([
      'outcome: 请选择走访结果（不在家、拒访或空置）',
    ]);
    expect(messages({ ...visit, outcome: undefined })).toEqual([
      'outcome: 请选择走访结果（不在家、拒访或空置）',
    ]);
  });

  it('has no room for a note or a name: any extra field is refused', () => {
    expect(messages({ ...visit, note: '张先生说明天再来' })).toEqual(['note: 不允许的字段“note”']);
  });

  it('checks id, community, address and time as a survey does', () => {
    expect(messages({ ...visit, id: 'x' })).toEqual(['id: 记录编号应为 UUID']);
    expect(messages({ ...visit, communityCode: '九亭' })).toEqual([
      'communityCode: 居民区编号格式不正确',
    ]);
    expect(messages({ ...visit, householdAddress: '13812345678号301室' })[0]).toContain('手机号码');
    expect(messages({ ...visit, householdAddress: '九亭小区' })[0]).toContain('无法识别门牌地址');
    expect(messages({ ...visit, collectedAt: '2024-12-31T10:00:00+08:00' })).toEqual([
      'collectedAt: 采集时间不能早于 2025-01-01',
    ]);
  });

  it('cannot be collected after the server received it', () => {
    expect(collectionTimeIssues(visit, '2025-11-20T01:00:00Z')).toEqual([
      { path: 'collectedAt', message: '采集时间晚于当前时间，请检查手机的日期和时间' },
    ]);
    expect(collectionTimeIssues(visit, '2025-11-20T02:00:00Z')).toEqual([]);
  });
});
