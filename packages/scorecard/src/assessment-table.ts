// 附件2 of the town's plan (松九委〔2025〕153号), 2025 年九亭镇居民区组织综合性考核表, as data.
// Texts are copied as printed (spaces around numbers included), without their leading "1、".
// A scored item is what carries points: where the table prints several second-level texts under
// one score (rows 1, 4 and 6), they are the sub-items of one item.

import { type DepartmentId, departmentByName } from './departments.ts';

export const PARTS = [
  { id: 'mass', name: '群众评价指标', points: 60 },
  { id: 'regular', name: '平时成绩指标', points: 40 },
] as const;
export type PartId = (typeof PARTS)[number]['id'];

export const INDICATOR_IDS = [
  'mass.satisfaction',
  'mass.practical',
  'mass.hotline',
  'regular.party',
  'regular.property',
  'regular.stability',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const ITEM_IDS = [
  'mass.satisfaction.overall',
  'mass.practical.care',
  'mass.practical.hotspots',
  'mass.hotline.work-orders',
  'mass.hotline.petitions',
  'mass.hotline.public-opinion',
  'regular.party.overall',
  'regular.property.troika',
  'regular.property.visits',
  'regular.property.environment',
  'regular.property.safety',
  'regular.stability.overall',
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

/** The item whose 30 points come from the survey, not from a department. */
export const SATISFACTION_ITEM_ID = 'mass.satisfaction.overall' satisfies ItemId;

export interface SubItemDef {
  /** The second-level number as printed (1、2、…). */
  readonly number: number;
  readonly text: string;
}

export interface ItemDepartment {
  readonly department: DepartmentId;
  /** Marked `*` in the table. */
  readonly lead: boolean;
  /** 0-based group of a list the table splits with `；` (only row 2's first item has two). */
  readonly group: number;
}

export interface ItemDef {
  readonly id: ItemId;
  readonly indicatorId: IndicatorId;
  readonly points: number;
  /** Entries are multiples of this (the plan never says otherwise, so 0.5 everywhere). */
  readonly step: number;
  readonly subItems: readonly SubItemDef[];
  /** `survey`: the satisfaction points, computed from the questionnaires; else departments score. */
  readonly scoredBy: 'survey' | 'departments';
  readonly departments: readonly ItemDepartment[];
  /** The 评分部门 cell exactly as printed. */
  readonly printedDepartments: string;
}

export interface IndicatorDef {
  readonly id: IndicatorId;
  /** 序号 in the table. */
  readonly number: number;
  readonly part: PartId;
  readonly name: string;
  readonly points: number;
  /** 二级指标数量 as printed: the number of second-level texts, not of scored items. */
  readonly printedSubItemCount: number;
  /** 是否实地考核 */
  readonly onSite: boolean;
  /** 是否抽查印证 */
  readonly sampled: boolean;
  readonly items: readonly ItemDef[];
}

export const ITEM_POINT_STEP = 0.5;

/**
 * Reads a printed 评分部门 cell: `；` separates groups, `、` departments, a leading `*` marks a lead.
 * Throws on a name the department catalogue does not know, so a typo cannot pass silently.
 */
export function parseDepartmentList(printed: string): ItemDepartment[] {
  return printed.split('；').flatMap((groupText, group) =>
    groupText.split('、').map((raw) => {
      const trimmed = raw.trim();
      const lead = trimmed.startsWith('*');
      const name = lead ? trimmed.slice(1).trim() : trimmed;
      const department = departmentByName(name);
      if (!department) throw new RangeError(`附件2 names an unknown department: ${name}`);
      return { department: department.id, lead, group };
    }),
  );
}

type ItemSpec = Omit<ItemDef, 'indicatorId' | 'step' | 'departments' | 'scoredBy'> & {
  readonly scoredBy?: 'survey';
};

function indicator(spec: Omit<IndicatorDef, 'items'>, items: readonly ItemSpec[]): IndicatorDef {
  return {
    ...spec,
    items: items.map((item) => ({
      ...item,
      indicatorId: spec.id,
      step: ITEM_POINT_STEP,
      scoredBy: item.scoredBy ?? 'departments',
      departments: item.scoredBy === 'survey' ? [] : parseDepartmentList(item.printedDepartments),
    })),
  };
}

export const INDICATORS: readonly IndicatorDef[] = [
  indicator(
    {
      id: 'mass.satisfaction',
      number: 1,
      part: 'mass',
      name: '群众满意度测评',
      points: 30,
      printedSubItemCount: 2,
      onSite: true,
      sampled: false,
    },
    [
      {
        id: 'mass.satisfaction.overall',
        points: 30,
        scoredBy: 'survey',
        subItems: [
          {
            number: 1,
            text: '结合社区实际，通过填写书面或线上问卷等方式开展满意度测评。测评群众满意度户数覆盖率根据居民区总户数确定不少于 30%。',
          },
          {
            number: 2,
            text: '开展居民群众满意度访谈，深入了解居民需要和对居委会工作的评价。（结合调查问卷，可以采用集中访谈、电话访谈等，访谈对象主要为困难党员、低收入家庭、困境儿童、残疾居民、高龄独居老人及其他特殊对象，人数不少于 20 人。）',
          },
        ],
        printedDepartments: '由联系领导带队，开展考核工作',
      },
    ],
  ),
  indicator(
    {
      id: 'mass.practical',
      number: 2,
      part: 'mass',
      name: '为群众办实事、解决“急难愁盼”问题',
      points: 15,
      printedSubItemCount: 2,
      onSite: true,
      sampled: false,
    },
    [
      {
        id: 'mass.practical.care',
        points: 12,
        subItems: [
          {
            number: 1,
            text: '聚焦群众关切，做好老年人、残疾人、退役军人、困难家庭等关心关爱；积极开展健康宣传、社区文体、科技、教育、便民等社区活动。',
          },
        ],
        printedDepartments:
          '*社工办、社区事务受理服务中心； *社发办、社区党群服务中心（文体）、教育办',
      },
      {
        id: 'mass.practical.hotspots',
        points: 3,
        subItems: [{ number: 2, text: '聚焦民生痛点，推进停车难、老旧电梯更新等热点难点问题。' }],
        printedDepartments: '城建中心',
      },
    ],
  ),
  indicator(
    {
      id: 'mass.hotline',
      number: 3,
      part: 'mass',
      name: '12345 热线及信访、舆情工作情况',
      points: 15,
      printedSubItemCount: 3,
      onSite: false,
      sampled: false,
    },
    [
      {
        id: 'mass.hotline.work-orders',
        points: 5,
        subItems: [{ number: 1, text: '12345 物业治理类工单下降、满意度上升。' }],
        printedDepartments: '城运中心',
      },
      {
        id: 'mass.hotline.petitions',
        points: 5,
        subItems: [{ number: 2, text: '群众合理性诉求解决情况。' }],
        printedDepartments: '平安办（信访）',
      },
      {
        id: 'mass.hotline.public-opinion',
        points: 5,
        subItems: [{ number: 3, text: '舆情应对处置情况。' }],
        printedDepartments: '党群办（宣）',
      },
    ],
  ),
  indicator(
    {
      id: 'regular.party',
      number: 4,
      part: 'regular',
      name: '加强党组织建设',
      points: 15,
      printedSubItemCount: 4,
      onSite: false,
      sampled: false,
    },
    [
      {
        id: 'regular.party.overall',
        points: 15,
        subItems: [
          {
            number: 1,
            text: '强化政治功能，深入学习贯彻习近平新时代中国特色社会主义思想、党的二十大、二十届三中全会精神等党的创新理论，开展好党内集中教育，坚决贯彻落实党中央决策部署和习近平总书记重要指示批示精神，不断提高政治判断力、政治领悟力、政治执行力。',
          },
          {
            number: 2,
            text: '强化组织功能，严格落实“三会一课”、主题党日、组织生活会及民主评议党员等制度，加强党员日常教育管理，进一步提升党建工作规范化、制度化水平。',
          },
          {
            number: 3,
            text: '不断深化意识形态工作，用党的创新理论凝心聚魂，巩固壮大主流思想舆论，弘扬社会主义核心价值观，推进建设习近平文化思想最佳实践地九亭样板。',
          },
          {
            number: 4,
            text: '坚持人民至上，深入开展“一个支部一件实事”，为群众办实事好事，解决群众实际问题，形成从解决“一件事”到办好“一类事”的常态长效机制，同时配合做好武装、工会以及群团工作。',
          },
        ],
        printedDepartments: '*党群办、党群办（宣）、党群服务中心、武装、总工会、团委、妇联',
      },
    ],
  ),
  indicator(
    {
      id: 'regular.property',
      number: 5,
      part: 'regular',
      name: '党建引领物业治理',
      points: 15,
      printedSubItemCount: 4,
      onSite: false,
      sampled: false,
    },
    [
      {
        id: 'regular.property.troika',
        points: 3,
        subItems: [
          {
            number: 1,
            text: '强化党组织领导下“三驾马车”协同运转，积极探索红色物业专员作用发挥，推动业委会、物业规范履职，提升物业治理水平。',
          },
        ],
        printedDepartments: '*社工办、城建中心、综管办',
      },
      {
        id: 'regular.property.visits',
        points: 2,
        subItems: [
          {
            number: 2,
            text: '走好新时代群众路线，扎实开展“进百家门、访百家情、解百家难、暖百家心”大走访活动。',
          },
        ],
        printedDepartments: '*社工办',
      },
      {
        id: 'regular.property.environment',
        points: 6,
        subItems: [
          {
            number: 3,
            text: '党建引领打造生态宜居的社区居住环境，推动社区“家园焕新”行动落地落实。',
          },
        ],
        printedDepartments: '*规建办、绿化市容所、河长办、综合执法中队',
      },
      {
        id: 'regular.property.safety',
        points: 4,
        subItems: [{ number: 4, text: '筑牢社区安全防线，做好安全隐患排查和安全知识宣贯。' }],
        printedDepartments: '*应急管理中心',
      },
    ],
  ),
  indicator(
    {
      id: 'regular.stability',
      number: 6,
      part: 'regular',
      name: '维护社会和谐稳定',
      points: 10,
      printedSubItemCount: 4,
      onSite: false,
      sampled: false,
    },
    [
      {
        id: 'regular.stability.overall',
        points: 10,
        subItems: [
          {
            number: 1,
            text: '坚持和发展新时代“枫桥经验”，加强社区调解防范体系建设，深化群防群治。',
          },
          {
            number: 2,
            text: '发挥微网格作用，突出社区群租房、环境卫生等巡查，防范社区风险。',
          },
          { number: 3, text: '做好突发事件的应急处置。' },
          { number: 4, text: '营造良好反诈氛围，配合做好反诈宣传工作。' },
        ],
        printedDepartments: '*平安办、司法所、人口办、派出所、城运中心、反诈中心',
      },
    ],
  ),
];

/** Every scored item, in the table's order. */
export const ITEMS: readonly ItemDef[] = INDICATORS.flatMap((i) => i.items);

const itemsById = new Map<string, ItemDef>(ITEMS.map((item) => [item.id, item]));
const indicatorsById = new Map<string, IndicatorDef>(INDICATORS.map((i) => [i.id, i]));

export function isItemId(id: string): id is ItemId {
  return itemsById.has(id);
}

export function itemById(id: ItemId): ItemDef {
  const item = itemsById.get(id);
  if (!item) throw new RangeError(`unknown item ${id}`);
  return item;
}

export function indicatorById(id: IndicatorId): IndicatorDef {
  const found = indicatorsById.get(id);
  if (!found) throw new RangeError(`unknown indicator ${id}`);
  return found;
}

/** The items a department scores (its scorers see only these). */
export function itemsScoredBy(department: DepartmentId): ItemDef[] {
  return ITEMS.filter((item) => item.departments.some((d) => d.department === department));
}

/**
 * The departments that confirm an item's points: the `*` ones; where the table stars none, the
 * item's only department (row 3's three items and row 2's second item name one department each).
 */
export function itemLeadDepartments(item: ItemDef): DepartmentId[] {
  const starred = item.departments.filter((d) => d.lead).map((d) => d.department);
  if (starred.length > 0) return starred;
  return item.departments.length === 1 ? item.departments.map((d) => d.department) : [];
}

export function isItemLead(department: DepartmentId, itemId: ItemId): boolean {
  return itemLeadDepartments(itemById(itemId)).includes(department);
}

/** The lead departments of an indicator: every lead of any of its items. */
export function indicatorLeadDepartments(indicatorId: IndicatorId): DepartmentId[] {
  const leads = indicatorById(indicatorId).items.flatMap(itemLeadDepartments);
  return [...new Set(leads)];
}

/** 加分指标 and 扣分指标 as printed, for display beside the coordinator's entries. */
export const BONUS_RULE_TEXT =
  '居民区获得全国、市、区级荣誉等级，分别加3分、2分、1分。同一工作获不同级别奖项按最高等级加分一次，不予累加，同一荣誉在同一社区有多个获奖主体，按所获荣誉等级提高一级予以加分，不予重复加分。居民区如有社区自治共治优秀案例，酌情加分。';
export const BONUS_PRINTED_DEPARTMENTS = '社工办、党群办';
export const BONUS_DEPARTMENTS: readonly DepartmentId[] = parseDepartmentList(
  BONUS_PRINTED_DEPARTMENTS,
).map((d) => d.department);
