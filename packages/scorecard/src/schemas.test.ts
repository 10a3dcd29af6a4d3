import { describe, expect, it } from 'vitest';
import {
  BonusInputSchema,
  DeductionCaseSchema,
  GradeRuleSchema,
  HonourSchema,
  ItemScoreEntrySchema,
  SatisfactionOverrideSchema,
} from './schemas.ts';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('schemas refuse what the rules refuse, in Chinese, at the field', () => {
  it('accepts a valid honour and refuses zero winning bodies', () => {
    expect(HonourSchema.safeParse({ work: '垃圾分类', level: 'city', bodies: 2 }).success).toBe(
      true,
    );
    const result = HonourSchema.safeParse({ work: '垃圾分类', level: 'city', bodies: 0 });
    expect(messages(result)).toEqual(['获奖主体数应为不小于 1 的整数']);
    expect(result.error?.issues[0]?.path).toEqual(['bodies']);
  });

  it('refuses an honour level it does not know', () => {
    const result = HonourSchema.safeParse({ work: '垃圾分类', level: 'town', bodies: 1 });
    expect(messages(result)).toContain('荣誉等级应为全国、市级或区级');
  });

  it('refuses a self-governance case worth 2 points inside a bonus input', () => {
    const result = BonusInputSchema.safeParse({
      honours: [],
      cases: [{ title: '楼道自治', points: 2 }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['cases', 0, 'points']);
  });

  it('refuses a main-leader case of 2 points with the range in the message', () => {
    const result = DeductionCaseSchema.safeParse({ kind: 'discipline.main-leader', points: 2 });
    expect(messages(result)[0]).toContain('每件扣 1–1.5 分');
    expect(DeductionCaseSchema.safeParse({ kind: 'finance.budget' }).success).toBe(true);
  });

  it('refuses an entry from a department that does not score the item', () => {
    const result = ItemScoreEntrySchema.safeParse({
      itemId: 'mass.hotline.petitions',
      department: 'city-operations-center',
      points: 4,
      basis: '信访件按期办结',
    });
    expect(messages(result)[0]).toContain('城运中心不负责');
    expect(result.error?.issues[0]?.path).toEqual(['department']);
  });

  it('refuses a satisfaction override without a reason', () => {
    const result = SatisfactionOverrideSchema.safeParse({
      points: 28,
      reason: '',
      by: 'coord',
      at: '2026-01-10T09:00:00+08:00',
    });
    expect(messages(result)).toEqual(['调整群众满意度测评得分必须填写理由']);
    expect(result.error?.issues[0]?.path).toEqual(['reason']);
  });

  it('accepts both grade rules and refuses shares over 100%', () => {
    expect(
      GradeRuleSchema.safeParse({ kind: 'shares', excellentPercent: 30, goodPercent: 50 }).success,
    ).toBe(true);
    expect(
      GradeRuleSchema.safeParse({
        kind: 'thresholds',
        excellentFrom: 90,
        goodFrom: 80,
        byType: { 村改居: { excellentFrom: 85, goodFrom: 75 } },
      }).success,
    ).toBe(true);
    expect(
      messages(
        GradeRuleSchema.safeParse({ kind: 'shares', excellentPercent: 70, goodPercent: 50 }),
      ),
    ).toEqual(['优秀、良好比例应为整数百分比，且合计不超过 100%']);
  });
});

describe('schemas refuse text that is too long or not plain text', () => {
  const override = {
    points: 20,
    reason: '复核后调整',
    by: '考核专班',
    at: '2025-12-01T10:00:00+08:00',
  };

  it('refuses a satisfaction override reason of 150,000 characters, naming the field', () => {
    const result = SatisfactionOverrideSchema.safeParse({
      ...override,
      reason: '理'.repeat(150_000),
    });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['reason']]);
    expect(messages(result)).toEqual(['调整群众满意度测评得分的理由不能超过 200 个字']);
  });

  it('refuses an over-long operator name on an override', () => {
    const result = SatisfactionOverrideSchema.safeParse({ ...override, by: '名'.repeat(65) });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['by']]);
  });

  const unsafe = [
    'a\u0000b',
    'a\u202Eb',
    'a\u2067b\u2069',
    'a\uD800b',
    'a\uDC00',
    'a\u001Bb',
    'a\u0085b',
  ];
  for (const bad of unsafe) {
    it(`refuses ${JSON.stringify(bad)} in an honour's work, a case title, a note, a basis and a reason`, () => {
      expect(HonourSchema.safeParse({ work: bad, level: 'city', bodies: 1 }).success).toBe(false);
      expect(
        BonusInputSchema.safeParse({ honours: [], cases: [{ title: bad, points: 1 }] }).success,
      ).toBe(false);
      expect(
        DeductionCaseSchema.safeParse({ kind: 'discipline.main-leader', points: 1, note: bad })
          .success,
      ).toBe(false);
      expect(SatisfactionOverrideSchema.safeParse({ ...override, reason: bad }).success).toBe(
        false,
      );
      const entry = ItemScoreEntrySchema.safeParse({
        itemId: 'mass.hotline.work-orders',
        department: 'city-operations-center',
        points: 1,
        basis: bad,
      });
      expect(entry.error?.issues.map((i) => i.path)).toContainEqual(['basis']);
    });
  }

  it('accepts line breaks, tabs and emoji', () => {
    expect(
      SatisfactionOverrideSchema.safeParse({ ...override, reason: '第一，复核\r\n第二，\t调整 👍' })
        .success,
    ).toBe(true);
  });
});
