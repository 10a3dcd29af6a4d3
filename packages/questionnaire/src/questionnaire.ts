// 附件1 of the town's plan (松九委〔2025〕153号), as data. Wording and option letters are copied
// from the printed text: paper forms use the same letters, so typed-in paper answers match.

export type QuestionId =
  | 'q1'
  | 'q2'
  | 'q3'
  | 'q4'
  | 'q5'
  | 'q6'
  | 'q7'
  | 'q8'
  | 'q9'
  | 'q10'
  | 'q11'
  | 'q12';

export interface OptionDef {
  /** The letter as printed (q10's lowercase `c.` is C; q11 has no E). */
  readonly letter: string;
  readonly label: string;
  /** Points of a scored question's option (questions 3–9 only). */
  readonly points?: number;
  /** A `其他` option that asks for a short text. */
  readonly takesText?: boolean;
  /** Cannot be chosen together with any other option (q10's `I. 无`). */
  readonly exclusive?: boolean;
}

export interface QuestionDef {
  readonly id: QuestionId;
  readonly number: number;
  readonly section: SectionId;
  readonly text: string;
  readonly kind: 'single' | 'multiple' | 'text';
  readonly options: readonly OptionDef[];
  /** Total points of a scored question, as its 得分说明 prints it. */
  readonly maxPoints?: number;
  readonly required: boolean;
  /** Longest text accepted (free-text question or a 其他 option's text). */
  readonly maxLength?: number;
}

export type SectionId = 'basic' | 'satisfaction' | 'suggestions';

export const SECTIONS: ReadonlyArray<{ id: SectionId; title: string }> = [
  { id: 'basic', title: '一、基本信息' },
  { id: 'satisfaction', title: '二、社区满意度' },
  { id: 'suggestions', title: '三、社区治理方面的建议和意见' },
];

export const OTHER_TEXT_MAX_LENGTH = 100;
export const SUGGESTION_MAX_LENGTH = 500;

const improvement = (points: [number, number, number, number]): OptionDef[] => [
  { letter: 'A', label: '越变越差', points: points[0] },
  { letter: 'B', label: '没有变化', points: points[1] },
  { letter: 'C', label: '有些改善', points: points[2] },
  { letter: 'D', label: '改善较大', points: points[3] },
];

const satisfaction = (points: [number, number, number, number]): OptionDef[] => [
  { letter: 'A', label: '满意', points: points[0] },
  { letter: 'B', label: '比较满意', points: points[1] },
  { letter: 'C', label: '一般', points: points[2] },
  { letter: 'D', label: '不满意', points: points[3] },
];

export const QUESTIONS: readonly QuestionDef[] = [
  {
    id: 'q1',
    number: 1,
    section: 'basic',
    text: '您在本社区的身份',
    kind: 'single',
    required: true,
    options: [
      { letter: 'A', label: '业主' },
      { letter: 'B', label: '租户' },
    ],
  },
  {
    id: 'q2',
    number: 2,
    section: 'basic',
    text: '您的年龄段',
    kind: 'single',
    required: true,
    options: [
      { letter: 'A', label: '18 岁以下' },
      { letter: 'B', label: '18-30 岁' },
      { letter: 'C', label: '31-40 岁' },
      { letter: 'D', label: '41-50 岁' },
      { letter: 'E', label: '51-59 岁' },
      { letter: 'F', label: '60 岁及以上' },
    ],
  },
  {
    id: 'q3',
    number: 3,
    section: 'satisfaction',
    text: '您是否知晓居民区党组织书记(主任)是谁?',
    kind: 'single',
    required: true,
    maxPoints: 10,
    options: [
      { letter: 'A', label: '知晓', points: 10 },
      { letter: 'B', label: '不知晓', points: 0 },
    ],
  },
  {
    id: 'q4',
    number: 4,
    section: 'satisfaction',
    text: '居委会干部日常联系、走访的频次是',
    kind: 'single',
    required: true,
    maxPoints: 15,
    options: [
      { letter: 'A', label: '一月一次', points: 15 },
      { letter: 'B', label: '一季度一次', points: 10 },
      { letter: 'C', label: '半年一次', points: 6 },
      { letter: 'D', label: '一年一次', points: 3 },
      { letter: 'E', label: '从未电话联系或走访', points: 0 },
    ],
  },
  {
    id: 'q5',
    number: 5,
    section: 'satisfaction',
    text: '今年以来居民区实施的民生实事为多少件?',
    kind: 'single',
    required: true,
    maxPoints: 15,
    options: [
      { letter: 'A', label: '0 件', points: 3 },
      { letter: 'B', label: '1-2 件', points: 7 },
      { letter: 'C', label: '3-4 件', points: 11 },
      { letter: 'D', label: '5 件及以上', points: 15 },
    ],
  },
  {
    id: 'q6',
    number: 6,
    section: 'satisfaction',
    text: '今年以来急难愁盼问题是否有解决?',
    kind: 'single',
    required: true,
    maxPoints: 15,
    options: improvement([0, 5, 10, 15]),
  },
  {
    id: 'q7',
    number: 7,
    section: 'satisfaction',
    text: '今年以来社区整体面貌是否有改善?',
    kind: 'single',
    required: true,
    maxPoints: 15,
    options: improvement([0, 5, 10, 15]),
  },
  {
    id: 'q8',
    number: 8,
    section: 'satisfaction',
    text: '您对居委会工作是否满意?',
    kind: 'single',
    required: true,
    maxPoints: 20,
    options: satisfaction([20, 12, 6, 0]),
  },
  {
    id: 'q9',
    number: 9,
    section: 'satisfaction',
    text: '您对物业管理和服务是否满意?',
    kind: 'single',
    required: true,
    maxPoints: 10,
    options: satisfaction([10, 8, 6, 0]),
  },
  {
    id: 'q10',
    number: 10,
    section: 'suggestions',
    text: '您认为小区内还存在哪些亟待解决的治理问题?',
    kind: 'multiple',
    required: true,
    maxLength: OTHER_TEXT_MAX_LENGTH,
    options: [
      { letter: 'A', label: '楼道堆物' },
      { letter: 'B', label: '保洁不到位' },
      { letter: 'C', label: '电瓶车乱停乱放' },
      { letter: 'D', label: '高空抛物' },
      { letter: 'E', label: '不文明养宠' },
      { letter: 'F', label: '乱搭建' },
      { letter: 'G', label: '群租' },
      { letter: 'H', label: '其他', takesText: true },
      { letter: 'I', label: '无', exclusive: true },
    ],
  },
  {
    id: 'q11',
    number: 11,
    section: 'suggestions',
    text: '您对社区治理的展望是?',
    kind: 'multiple',
    required: true,
    maxLength: OTHER_TEXT_MAX_LENGTH,
    options: [
      { letter: 'A', label: '多一些为老服务' },
      { letter: 'B', label: '多一些托幼服务' },
      { letter: 'C', label: '多一些社区活动空间' },
      { letter: 'D', label: '社区工作更民主' },
      { letter: 'F', label: '物业管理更规范' },
      { letter: 'G', label: '其他', takesText: true },
    ],
  },
  {
    id: 'q12',
    number: 12,
    section: 'suggestions',
    text: '您对社区工作还有哪些意见和建议?',
    kind: 'text',
    required: false,
    maxLength: SUGGESTION_MAX_LENGTH,
    options: [],
  },
];

export interface QuestionnaireDef {
  /** The town's satisfaction questionnaire, first issued for 2025; every edition keeps it. */
  readonly id: string;
  /** The edition: what an item's `questionnaireVersion` names, and what it is checked and scored by. */
  readonly version: number;
  /** The assessment year this edition was written for. */
  readonly year: number;
  readonly title: string;
  readonly questions: readonly QuestionDef[];
  /**
   * An edition kept as a worked example (tests, and the pattern for next year's author), not the
   * town's text: no year uses it unless the coordinators choose it.
   */
  readonly example?: boolean;
}

/** The 2025 questionnaire. A later year adds its own definition beside this one. */
export const JIUTING_2025: QuestionnaireDef = {
  id: 'jiuting-2025',
  version: 1,
  year: 2025,
  title: '九亭镇居民区群众满意度测评问卷',
  questions: QUESTIONS,
};

/**
 * An example of a next edition, NOT the town's 2026 text (the plan in ../shared/seed has only
 * 2025): 附件1 with one option changed — q4 C reads 半年一次（含电话、微信联系） and earns 8 points,
 * not 6 — so tests can show a changed option rendered, checked, scored and exported by the
 * edition an item names.
 */
export const JIUTING_2026_EXAMPLE: QuestionnaireDef = {
  id: JIUTING_2025.id,
  version: 2,
  year: 2026,
  title: JIUTING_2025.title,
  example: true,
  questions: QUESTIONS.map((q) =>
    q.id === 'q4'
      ? {
          ...q,
          options: q.options.map((o) =>
            o.letter === 'C' ? { ...o, label: '半年一次（含电话、微信联系）', points: 8 } : o,
          ),
        }
      : q,
  ),
};

/** The edition every new form uses unless the server names the one its year uses. */
export const CURRENT_QUESTIONNAIRE = JIUTING_2025;

/**
 * Every edition an item may name. An edition is never removed once items were collected with it:
 * a phone holding last year's item must still sync it, checked and scored as it was asked.
 */
export const QUESTIONNAIRE_VERSIONS: readonly QuestionnaireDef[] = [
  JIUTING_2025,
  JIUTING_2026_EXAMPLE,
];

/** The edition an item names, or undefined for a version this code does not know. */
export function findQuestionnaire(version: unknown): QuestionnaireDef | undefined {
  return QUESTIONNAIRE_VERSIONS.find((q) => q.version === version);
}

/**
 * The edition to show: the one the server says the year uses, or the current one when it says
 * nothing (an older server) or names one this build does not know.
 */
export function questionnaireOrCurrent(version: number | null | undefined): QuestionnaireDef {
  return findQuestionnaire(version) ?? CURRENT_QUESTIONNAIRE;
}

/** A question of an edition (the current one unless named). */
export function questionById(
  id: QuestionId,
  questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE,
): QuestionDef {
  const question = questionnaire.questions.find((q) => q.id === id);
  if (!question) throw new Error(`unknown question ${id}`);
  return question;
}

export const SCORED_QUESTION_IDS = ['q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'] as const;
export type ScoredQuestionId = (typeof SCORED_QUESTION_IDS)[number];

/**
 * The name that fills the printed title's blank (九亭镇___居民区…). Lists give names with or
 * without the word 居民区; it is dropped here so the title says it once.
 */
export function titleCommunityName(name: string | null | undefined): string {
  return (name ?? '').trim().replace(/居民区$/, '');
}

/** The printed title of 附件1 for one community, or with its blank when there is none. */
export function questionnaireHeading(name?: string | null): string {
  const fill = titleCommunityName(name);
  return `九亭镇${fill === '' ? '____' : fill}居民区群众满意度测评问卷`;
}
