import {
  CHANNELS,
  COVERAGE_TARGET,
  findQuestionnaire,
  householdCoverage,
  INTERVIEW_GROUP_IDS,
  INTERVIEW_GROUPS,
  INTERVIEW_METHODS,
  INTERVIEW_TARGET,
  interviewProgress,
  JIUTING_2025,
  QUESTIONS,
  type QuestionDef,
  type QuestionnaireDef,
  roundHalfUpToHundredths,
  SATISFACTION_MAX_POINTS,
  type ScoredQuestionId,
  type SurveyAnswers,
  type SurveyScore,
  scoreResponse,
  visitOutcomeLabel,
} from '@jiuting/questionnaire';
import { choicesText, optionText, viewLabel } from './labels.ts';
import {
  type CellValue,
  type Column,
  date,
  datetime,
  decimal,
  integer,
  percent,
  type Table,
  text,
} from './table.ts';
import { tallySuggestions } from './tallies.ts';
import type {
  AssessmentExportData,
  CommunitySummaryRow,
  ResponseDetailRow,
  SheetName,
} from './types.ts';

const yesNo = (value: boolean) => (value ? '是' : '否');
const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
// Half up on the decimal value, as the satisfaction points are: a mean of 18.525 is 18.53 here
// too, never the 18.52 its binary double rounds to.
const round2 = roundHalfUpToHundredths;
const coverageTargetPercent = `${Math.round(COVERAGE_TARGET * 100)}%`;

const SUMMARY_COLUMNS: readonly Column[] = [
  text('居民区编号', 12),
  text('居民区', 18),
  text('类型', 9),
  integer('总户数', 9),
  integer('已调查户数', 11),
  percent('覆盖率', 9),
  text(`覆盖率达${coverageTargetPercent}`, 12),
  integer(`距${coverageTargetPercent}尚差户数`, 14),
  integer('问卷数', 9),
  integer('重复户问卷数', 13),
  integer('访谈总数', 10),
  text(`访谈达${INTERVIEW_TARGET}次`, 11),
  ...INTERVIEW_GROUP_IDS.map((group) => integer(`访谈：${INTERVIEW_GROUPS[group]}`, 14)),
  decimal('问卷平均分（满分100）', 14),
  decimal(`满意度得分（满分${SATISFACTION_MAX_POINTS}）`, 14),
  datetime('最近采集时间（北京时间）', 21),
  // 未建户册: the 总户数 above is the typed total; with a register it is its 居住 households.
  text('户册', 10),
  integer('册外问卷数（待核对）', 16),
  // Visits never count toward coverage: what the doors said, and the households to go back to.
  integer('走访：不在家', 12),
  integer('走访：拒访', 11),
  integer('走访：空置', 11),
  integer('待回访户数', 11),
  // With a drawn sample: its size and how many counted households came from it.
  integer('抽样户数', 10),
  integer('已计入户中来自抽样', 17),
  integer('已计入户中来自备选', 17),
];

function summaryRow(row: CommunitySummaryRow): CellValue[] {
  return [
    row.code,
    row.name,
    row.type,
    row.totalHouseholds,
    row.surveyedHouseholds,
    row.coverage,
    yesNo(row.meetsTarget),
    row.shortfall,
    row.responses,
    row.repeats,
    row.interviews.total,
    yesNo(interviewProgress(row.interviews.total).meetsTarget),
    ...INTERVIEW_GROUP_IDS.map((group) => row.interviews.byGroup[group] ?? 0),
    row.meanSurveyScore === null ? null : round2(row.meanSurveyScore),
    row.satisfactionPoints,
    row.lastActivityAt,
    row.register === null ? '未建户册' : '已建户册',
    row.register === null ? null : row.register.outside,
    row.visits?.notHome ?? 0,
    row.visits?.refused ?? 0,
    row.visits?.vacant ?? 0,
    row.visits?.revisit ?? 0,
    row.sample ? row.sample.size : null,
    row.sample ? row.sample.countedSample : null,
    row.sample ? row.sample.countedReserve : null,
  ];
}

/**
 * The town line. Counts are sums and coverage is the town's own ratio. The mean score is weighted
 * by each community's counted responses, which is the mean over every counted response in town;
 * satisfaction points are per community, so the town shows their average over the communities
 * that have any.
 */
function townRow(rows: readonly CommunitySummaryRow[]): CellValue[] {
  const totalHouseholds = sum(rows.map((r) => r.totalHouseholds));
  const surveyedHouseholds = sum(rows.map((r) => r.surveyedHouseholds));
  // A community's mean is over its counted responses, one per surveyed household (repeats are
  // not counted), so the town's mean weighs each community by its surveyed households.
  const scored = rows.filter((r) => r.meanSurveyScore !== null && r.surveyedHouseholds > 0);
  const scoredHouseholds = sum(scored.map((r) => r.surveyedHouseholds));
  const meanSurveyScore =
    scoredHouseholds > 0
      ? sum(scored.map((r) => (r.meanSurveyScore ?? 0) * r.surveyedHouseholds)) / scoredHouseholds
      : null;
  const points = rows.flatMap((r) => (r.satisfactionPoints === null ? [] : [r.satisfactionPoints]));
  const interviewsMet = rows.filter((r) => interviewProgress(r.interviews.total).meetsTarget);
  const lastActivity = rows
    .flatMap((r) => (r.lastActivityAt === null ? [] : [r.lastActivityAt]))
    .reduce<string | null>(
      (latest, at) => (latest === null || Date.parse(at) > Date.parse(latest) ? at : latest),
      null,
    );
  return [
    '',
    '全镇',
    `${rows.length}个居民区`,
    totalHouseholds,
    surveyedHouseholds,
    householdCoverage(surveyedHouseholds, totalHouseholds).ratio,
    `${rows.filter((r) => r.meetsTarget).length}个达标`,
    sum(rows.map((r) => r.shortfall)),
    sum(rows.map((r) => r.responses)),
    sum(rows.map((r) => r.repeats)),
    sum(rows.map((r) => r.interviews.total)),
    `${interviewsMet.length}个达标`,
    ...INTERVIEW_GROUP_IDS.map((group) => sum(rows.map((r) => r.interviews.byGroup[group] ?? 0))),
    meanSurveyScore === null ? null : round2(meanSurveyScore),
    points.length > 0 ? round2(sum(points) / points.length) : null,
    lastActivity,
    `${rows.filter((r) => r.register !== null).length}个已建`,
    sum(rows.map((r) => r.register?.outside ?? 0)),
    sum(rows.map((r) => r.visits?.notHome ?? 0)),
    sum(rows.map((r) => r.visits?.refused ?? 0)),
    sum(rows.map((r) => r.visits?.vacant ?? 0)),
    sum(rows.map((r) => r.visits?.revisit ?? 0)),
    sum(rows.map((r) => r.sample?.size ?? 0)),
    sum(rows.map((r) => r.sample?.countedSample ?? 0)),
    sum(rows.map((r) => r.sample?.countedReserve ?? 0)),
  ];
}

function summaryTable(data: AssessmentExportData): Table {
  const rows = data.communities.map(summaryRow);
  return {
    sheet: '汇总',
    columns: SUMMARY_COLUMNS,
    frozenColumns: 2,
    rows: [...rows, townRow(data.communities)],
    totalRowIndexes: [rows.length],
  };
}

const questionHeader = (q: QuestionDef) => `${q.number}. ${q.text}`;
const isScored = (q: QuestionDef): q is QuestionDef & { id: ScoredQuestionId } =>
  q.maxPoints !== undefined;

// One column per question (its chosen options as `A. 标签`), then its points when it is scored
// and its 其他 text when it has one, in the order the form prints them.
const RESPONSE_COLUMNS: readonly Column[] = [
  text('居民区编号', 12),
  text('居民区', 18),
  text('户（门牌）', 16),
  text('采集方式', 10),
  text('采集员', 12),
  datetime('采集时间（北京时间）', 21),
  datetime('接收时间（北京时间）', 21),
  integer('问卷总分', 10),
  ...QUESTIONS.flatMap((q) => [
    text(questionHeader(q), q.kind === 'text' ? 40 : q.kind === 'multiple' ? 30 : 16),
    ...(isScored(q) ? [integer(`第${q.number}题得分`, 10)] : []),
    ...(q.options.some((o) => o.takesText) ? [text(`第${q.number}题“其他”内容`, 24)] : []),
  ]),
  // Last: only needed to find the record again in the system.
  text('记录编号', 38),
];

/** The edition a row's answers were given in (附件1 for rows read before editions). */
const versionOf = (response: ResponseDetailRow) =>
  response.questionnaireVersion ?? JIUTING_2025.version;

function score(response: ResponseDetailRow): SurveyScore {
  try {
    return scoreResponse({ questionnaireVersion: versionOf(response), answers: response.answers });
  } catch {
    throw new Error(`问卷 ${response.id} 的答案无法计分，请先核对该记录`);
  }
}

/** Each question's cells, worked out once: its answer, then its points and 其他 text if it has them. */
const RESPONSE_PLAN = QUESTIONS.map((q) => ({
  q,
  scored: isScored(q),
  takesText: q.options.some((o) => o.takesText),
}));

/**
 * `A. 标签` for a chosen letter, or the chosen letters of a multiple-choice question, in the
 * edition's words. A year's 100,000 responses repeat a few hundred distinct answers, so each is
 * worked out once per file (looking options up row by row was a fifth of the CSV's time), kept
 * per edition and question under the answer itself (a multiple choice's letters joined).
 */
function answerLabels(): (
  planIndex: number,
  q: QuestionDef,
  value: unknown,
  edition: QuestionnaireDef,
) => string {
  const byEdition = new Map<QuestionnaireDef, Map<string, string>[]>();
  let size = 0;
  return (planIndex, q, value, edition) => {
    let tables = byEdition.get(edition);
    if (tables === undefined) {
      tables = RESPONSE_PLAN.map(() => new Map<string, string>());
      byEdition.set(edition, tables);
    }
    const known = tables[planIndex] as Map<string, string>;
    const key =
      typeof value === 'string'
        ? value
        : Array.isArray(value)
          ? `\u0001${value.join('\u0001')}`
          : '\u0002';
    let label = known.get(key);
    if (label === undefined) {
      const chosen: readonly string[] = Array.isArray(value)
        ? value
        : typeof value === 'string'
          ? [value]
          : [];
      label =
        q.kind === 'single'
          ? optionText(q.id, chosen[0] ?? '', edition)
          : choicesText(q.id, chosen, edition);
      // Bounded: answers no form allows could otherwise grow it with every row.
      if (size < 10_000) {
        known.set(key, label);
        size += 1;
      }
    }
    return label;
  };
}

function otherText(q: QuestionDef, answers: SurveyAnswers): string | null {
  const other = q.id === 'q10' ? answers.q10Other : q.id === 'q11' ? answers.q11Other : undefined;
  return other ?? null;
}

function* responseRows(data: AssessmentExportData): Generator<CellValue[]> {
  const label = answerLabels();
  for (const response of data.responses) {
    const points = score(response);
    // Known: score() above has refused a version no edition has.
    const edition = findQuestionnaire(versionOf(response)) as QuestionnaireDef;
    const { answers } = response;
    const row: CellValue[] = [
      response.communityCode,
      response.communityName,
      response.householdKey,
      CHANNELS[response.channel] ?? response.channel,
      response.collector,
      response.collectedAt,
      response.receivedAt,
      points.total,
    ];
    for (let i = 0; i < RESPONSE_PLAN.length; i += 1) {
      const { q, scored, takesText } = RESPONSE_PLAN[i] as (typeof RESPONSE_PLAN)[number];
      const value = answers[q.id];
      if (q.kind === 'text') {
        row.push(typeof value === 'string' ? value : null);
        continue;
      }
      row.push(label(i, q, value, edition));
      if (scored) row.push(points.byQuestion[q.id as ScoredQuestionId]);
      if (takesText) row.push(otherText(q, answers));
    }
    row.push(response.id);
    yield row;
  }
}

function responsesTable(data: AssessmentExportData): Table {
  // Made row by row as the file is written: 100,000 rows never sit in memory at once.
  return {
    sheet: '问卷明细',
    columns: RESPONSE_COLUMNS,
    frozenColumns: 3,
    rows: { [Symbol.iterator]: () => responseRows(data) },
  };
}

const INTERVIEW_COLUMNS: readonly Column[] = [
  text('居民区编号', 12),
  text('居民区', 18),
  text('访谈对象类别', 14),
  text('访谈方式', 10),
  date('访谈日期', 12),
  text('对居委会工作的评价', 12),
  text('居民需求', 40),
  text('反映的问题', 40),
  text('备注', 30),
  text('访谈员', 12),
  datetime('接收时间（北京时间）', 21),
  text('记录编号', 38),
];

function interviewsTable(data: AssessmentExportData): Table {
  return {
    sheet: '访谈记录',
    columns: INTERVIEW_COLUMNS,
    frozenColumns: 2,
    rows: data.interviews.map((interview) => [
      interview.communityCode,
      interview.communityName,
      INTERVIEW_GROUPS[interview.group] ?? interview.group,
      INTERVIEW_METHODS[interview.method] ?? interview.method,
      interview.date,
      viewLabel(interview.view),
      interview.needs ?? null,
      interview.problems ?? null,
      interview.notes ?? null,
      interview.collector,
      interview.receivedAt,
      interview.id,
    ]),
  };
}

/**
 * One line per option of q10 and q11 with how many responses chose it, town-wide and in each
 * community, after a first line with the number of responses (what every count is out of).
 */
function suggestionsTable(data: AssessmentExportData): Table {
  const tallies = data.suggestionTallies ?? tallySuggestions(data);
  const share = (count: number) =>
    tallies.respondents.town > 0 ? count / tallies.respondents.town : null;
  return {
    sheet: '问题与建议',
    columns: [
      text('题目', 34),
      text('选项', 6),
      text('选项内容', 20),
      integer('全镇', 9),
      percent('全镇占答卷比例', 14),
      ...tallies.communities.map((c) => integer(c.name, Math.max(10, c.name.length * 2 + 2))),
    ],
    rows: [
      [
        '答卷数',
        '',
        '',
        tallies.respondents.town,
        null,
        ...tallies.communities.map((c) => tallies.respondents.byCommunity[c.code] ?? 0),
      ],
      ...tallies.options.map((option) => {
        const q = QUESTIONS.find((question) => question.id === option.questionId);
        return [
          q ? questionHeader(q) : option.questionId,
          option.letter,
          option.label,
          option.town,
          share(option.town),
          ...tallies.communities.map((c) => option.byCommunity[c.code] ?? 0),
        ];
      }),
    ],
    totalRowIndexes: [0],
    frozenColumns: 3,
  };
}

const REGISTER_CHECK_COLUMNS: readonly Column[] = [
  text('居民区编号', 12),
  text('居民区', 18),
  text('小区/自然村', 16),
  text('户（门牌）', 24),
  text('核对状态', 10),
  text('填写的地址（册外）', 30),
  text('记录编号', 38),
];

/**
 * 户册核对: for each community with a register, its 居住 households (已计入 or 未访) and then its
 * 册外 responses awaiting review, so the office can walk the register and see who is missing.
 */
function registerCheckTable(data: AssessmentExportData): Table {
  return {
    sheet: '户册核对',
    columns: REGISTER_CHECK_COLUMNS,
    frozenColumns: 4,
    rows: data.registerCheck.map((line) => [
      line.communityCode,
      line.communityName,
      line.area,
      line.householdKey,
      line.status,
      line.householdAddress,
      line.responseId,
    ]),
  };
}

const VISIT_COLUMNS: readonly Column[] = [
  text('居民区编号', 12),
  text('居民区', 18),
  text('户（门牌）', 24),
  text('走访结果', 10),
  text('抽样', 8),
  text('采集员', 12),
  datetime('走访时间（北京时间）', 21),
  datetime('接收时间（北京时间）', 21),
  text('记录编号', 38),
];

const SAMPLE_LIST_LABELS = { sample: '样本', reserve: '备选' } as const;

/** 走访记录: every 不在家 / 拒访 / 空置 a collector filed, by community and household. */
function visitsTable(data: AssessmentExportData): Table {
  return {
    sheet: '走访记录',
    columns: VISIT_COLUMNS,
    frozenColumns: 3,
    rows: (data.visits ?? []).map((visit) => [
      visit.communityCode,
      visit.communityName,
      visit.householdKey,
      visitOutcomeLabel(visit.outcome),
      visit.sampleList === null ? null : SAMPLE_LIST_LABELS[visit.sampleList],
      visit.collector,
      visit.collectedAt,
      visit.receivedAt,
      visit.id,
    ]),
  };
}

const BUILDERS: Record<SheetName, (data: AssessmentExportData) => Table> = {
  汇总: summaryTable,
  问卷明细: responsesTable,
  访谈记录: interviewsTable,
  问题与建议: suggestionsTable,
  户册核对: registerCheckTable,
  走访记录: visitsTable,
};

export function buildTable(sheet: SheetName, data: AssessmentExportData): Table {
  const build = BUILDERS[sheet];
  if (!build) throw new RangeError(`没有名为“${String(sheet)}”的表`);
  return build(data);
}
