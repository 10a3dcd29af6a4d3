import { describe, expect, it } from 'vitest';
import {
  BONUS_DEPARTMENTS,
  INDICATORS,
  ITEM_IDS,
  ITEMS,
  indicatorById,
  indicatorLeadDepartments,
  isItemLead,
  itemById,
  itemLeadDepartments,
  itemsScoredBy,
  PARTS,
  parseDepartmentList,
} from './assessment-table.ts';
import { sumPoints } from './points.ts';

describe('附件2 as data: points', () => {
  it('gives the six indicators 30 + 15 + 15 + 15 + 15 + 10 = 100 points', () => {
    expect(INDICATORS.map((i) => i.points)).toEqual([30, 15, 15, 15, 15, 10]);
    expect(sumPoints(INDICATORS.map((i) => i.points))).toBe(100);
  });

  it('splits them 60 for mass evaluation and 40 for regular work, as 二、考核内容 says', () => {
    for (const part of PARTS) {
      const inPart = INDICATORS.filter((i) => i.part === part.id).map((i) => i.points);
      expect(sumPoints(inPart)).toBe(part.points);
    }
  });

  it("sums each indicator's items to the indicator's points", () => {
    for (const indicator of INDICATORS) {
      expect(sumPoints(indicator.items.map((item) => item.points))).toBe(indicator.points);
    }
  });

  it('prints the item points of the table: 30; 12 + 3; 5 + 5 + 5; 15; 3 + 2 + 6 + 4; 10', () => {
    expect(INDICATORS.map((i) => i.items.map((item) => item.points))).toEqual([
      [30],
      [12, 3],
      [5, 5, 5],
      [15],
      [3, 2, 6, 4],
      [10],
    ]);
  });

  it('takes entries in half points for every item', () => {
    expect(ITEMS.every((item) => item.step === 0.5)).toBe(true);
  });
});

describe('附件2 as data: structure and texts', () => {
  it('keeps as many second-level texts as the 二级指标数量 column prints', () => {
    expect(INDICATORS.map((i) => i.printedSubItemCount)).toEqual([2, 2, 3, 4, 4, 4]);
    for (const indicator of INDICATORS) {
      const texts = indicator.items.flatMap((item) => item.subItems);
      expect(texts.map((t) => t.number)).toEqual(
        Array.from({ length: indicator.printedSubItemCount }, (_, k) => k + 1),
      );
    }
  });

  it('shares one score among the sub-items of rows 1, 4 and 6', () => {
    expect(itemById('mass.satisfaction.overall').subItems).toHaveLength(2);
    expect(itemById('regular.party.overall').subItems).toHaveLength(4);
    expect(itemById('regular.stability.overall').subItems).toHaveLength(4);
  });

  it('marks only rows 1 and 2 as checked on site, and no row as checked by sampling', () => {
    expect(INDICATORS.map((i) => i.onSite)).toEqual([true, true, false, false, false, false]);
    expect(INDICATORS.some((i) => i.sampled)).toBe(false);
  });

  it('names the indicators as the table prints them', () => {
    expect(INDICATORS.map((i) => i.name)).toEqual([
      '群众满意度测评',
      '为群众办实事、解决“急难愁盼”问题',
      '12345 热线及信访、舆情工作情况',
      '加强党组织建设',
      '党建引领物业治理',
      '维护社会和谐稳定',
    ]);
  });

  it('copies second-level texts verbatim from the seed', () => {
    expect(itemById('mass.practical.hotspots').subItems[0]?.text).toBe(
      '聚焦民生痛点，推进停车难、老旧电梯更新等热点难点问题。',
    );
    expect(itemById('regular.property.visits').subItems[0]?.text).toBe(
      '走好新时代群众路线，扎实开展“进百家门、访百家情、解百家难、暖百家心”大走访活动。',
    );
    expect(itemById('regular.stability.overall').subItems[3]?.text).toBe(
      '营造良好反诈氛围，配合做好反诈宣传工作。',
    );
    expect(itemById('mass.satisfaction.overall').subItems[0]?.text).toContain(
      '户数覆盖率根据居民区总户数确定不少于 30%。',
    );
    expect(itemById('mass.satisfaction.overall').subItems[1]?.text).toContain(
      '人数不少于 20 人。）',
    );
  });

  it('gives every indicator and item a unique id, each item under its indicator', () => {
    expect(new Set(ITEM_IDS).size).toBe(ITEM_IDS.length);
    expect(ITEMS.map((item) => item.id)).toEqual([...ITEM_IDS]);
    for (const item of ITEMS) {
      expect(item.id.startsWith(`${item.indicatorId}.`)).toBe(true);
      expect(indicatorById(item.indicatorId).items).toContain(item);
    }
  });
});

describe('附件2 as data: scoring departments', () => {
  it('leaves the satisfaction points to the survey, not to a department', () => {
    const item = itemById('mass.satisfaction.overall');
    expect(item.scoredBy).toBe('survey');
    expect(item.departments).toEqual([]);
    expect(item.printedDepartments).toBe('由联系领导带队，开展考核工作');
  });

  it("reads row 2's first item as two groups, each with its own starred lead", () => {
    expect(itemById('mass.practical.care').departments).toEqual([
      { department: 'social-work-office', lead: true, group: 0 },
      { department: 'community-affairs-service-center', lead: false, group: 0 },
      { department: 'social-development-office', lead: true, group: 1 },
      { department: 'community-party-service-center-culture', lead: false, group: 1 },
      { department: 'education-office', lead: false, group: 1 },
    ]);
    expect(itemLeadDepartments(itemById('mass.practical.care'))).toEqual([
      'social-work-office',
      'social-development-office',
    ]);
  });

  it('makes the only department of an unstarred item its lead', () => {
    expect(itemLeadDepartments(itemById('mass.hotline.work-orders'))).toEqual([
      'city-operations-center',
    ]);
    expect(itemLeadDepartments(itemById('mass.hotline.petitions'))).toEqual([
      'peace-office-petitions',
    ]);
    expect(itemLeadDepartments(itemById('mass.practical.hotspots'))).toEqual([
      'urban-construction-center',
    ]);
  });

  it('lets 党群办 lead party building while 党群办（宣） only takes part', () => {
    expect(isItemLead('party-mass-office', 'regular.party.overall')).toBe(true);
    expect(isItemLead('party-mass-office-publicity', 'regular.party.overall')).toBe(false);
    expect(itemById('regular.party.overall').departments).toHaveLength(7);
  });

  it('gives each department exactly the items whose cell names it', () => {
    expect(itemsScoredBy('city-operations-center').map((i) => i.id)).toEqual([
      'mass.hotline.work-orders',
      'regular.stability.overall',
    ]);
    expect(itemsScoredBy('social-work-office').map((i) => i.id)).toEqual([
      'mass.practical.care',
      'regular.property.troika',
      'regular.property.visits',
    ]);
    expect(itemsScoredBy('finance-office')).toEqual([]);
  });

  it('finds the leads of party-led property governance in 社工办, 规建办 and 应急管理中心', () => {
    expect(indicatorLeadDepartments('regular.property')).toEqual([
      'social-work-office',
      'planning-construction-office',
      'emergency-management-center',
    ]);
  });

  it('reads the bonus row as scored by 社工办 and 党群办', () => {
    expect(BONUS_DEPARTMENTS).toEqual(['social-work-office', 'party-mass-office']);
  });

  it('refuses a department list naming a department the catalogue does not know', () => {
    expect(() => parseDepartmentList('*社工办、不存在办')).toThrow(/不存在办/);
  });
});
