import { z } from 'zod/mini';
import './locale.ts';
import { CHANNEL_IDS } from './channels.ts';
import { householdKey } from './household.ts';
import {
  INTERVIEW_GROUP_IDS,
  INTERVIEW_METHOD_IDS,
  INTERVIEW_TEXT_MAX_LENGTH,
} from './interview.ts';
import { containsPersonalIdentifier, PERSONAL_IDENTIFIER_MESSAGE } from './privacy.ts';
import {
  CURRENT_QUESTIONNAIRE,
  findQuestionnaire,
  OTHER_TEXT_MAX_LENGTH,
  QUESTIONNAIRE_VERSIONS,
  type QuestionDef,
  type QuestionnaireDef,
  questionById,
  SUGGESTION_MAX_LENGTH,
} from './questionnaire.ts';
import { containsUnsafeCharacter, UNSAFE_CHARACTER_MESSAGE } from './text.ts';
import { shanghaiDay } from './time.ts';
import { VisitOutcomeSchema } from './visit.ts';

// zod/mini, not zod classic: the residents' page runs these schemas, and mini's functions shake
// out of its bundle where classic's methods cannot (issue 17: ~20 KB less over WeChat). Both are
// the same zod 4 core, so the server's classic schemas, its error handling and the zh-CN locale
// work with these unchanged.
//
// Schemas never transform: what is validated is exactly what is stored and compared, so a
// retried item's content is byte-for-byte the content first accepted.

function letters(question: QuestionDef): [string, ...string[]] {
  return question.options.map((o) => o.letter) as [string, ...string[]];
}

/**
 * What was sent, for a message: short text as it is, anything else unnamed. Never `String()` of
 * the input itself, which recurses into a nested array and may be any size.
 */
function shown(input: unknown): string {
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'string' && input.length <= 10 && !containsUnsafeCharacter(input)) {
    return `“${input}”`;
  }
  return '所填的值';
}

function singleChoice(question: QuestionDef) {
  const { number } = question;
  return z.enum(letters(question), {
    error: (issue) =>
      issue.input === undefined
        ? `请回答第${number}题`
        : `第${number}题没有选项${shown(issue.input)}`,
  });
}

function multipleChoice(question: QuestionDef) {
  const { number, options } = question;
  return z
    .array(
      z.enum(letters(question), {
        error: (issue) => `第${number}题没有选项${shown(issue.input)}`,
      }),
      {
        error: (issue) =>
          issue.input === undefined ? `请回答第${number}题` : `第${number}题应为多选`,
      },
    )
    .check(
      z.minLength(1, `请回答第${number}题（至少选一项）`),
      z.refine(
        (chosen: string[]) => new Set(chosen).size === chosen.length,
        `第${number}题有重复的选项`,
      ),
      z.superRefine((chosen: string[], ctx) => {
        // On the array itself, so the refusal shows even when other questions are still unanswered.
        for (const option of options) {
          if (option.exclusive && chosen.includes(option.letter) && chosen.length > 1) {
            ctx.addIssue({
              code: 'custom',
              message: `第${number}题选了“${option.letter}. ${option.label}”就不能再选其他项`,
            });
          }
        }
      }),
    );
}

/**
 * Text a person types: bounded, and free of control characters, bidi overrides and lone
 * surrogates (refused, not stripped: schemas never transform). The server's own text fields
 * are built on it too.
 */
export function plainText(maxLength: number, label: string) {
  return z.string({ error: `${label}应为文字` }).check(
    z.maxLength(maxLength, { error: `${label}不能超过 ${maxLength} 个字`, abort: true }),
    z.refine(
      (text: string) => !containsUnsafeCharacter(text),
      `${label}${UNSAFE_CHARACTER_MESSAGE}`,
    ),
  );
}

/** Free text a person types: bounded, plain, and never a phone or ID number. */
export function freeText(maxLength: number, label: string) {
  return plainText(maxLength, label).check(
    z.refine((text: string) => !containsPersonalIdentifier(text), PERSONAL_IDENTIFIER_MESSAGE),
  );
}

// Blank or spaces only is no answer: a 其他 box must say something.
const otherText = (number: number, maxLength: number) =>
  freeText(maxLength, `第${number}题“其他”`).check(
    z.refine((text: string) => text.trim().length > 0, `请填写第${number}题“其他”的内容`),
  );

/**
 * The answers, by question id and printed letter. Every edition asks q1–q12 (its wording,
 * options, letters and points may differ); a `其他` text rides beside its question as `q10Other`.
 */
export interface SurveyAnswers {
  q1: string;
  q2: string;
  q3: string;
  q4: string;
  q5: string;
  q6: string;
  q7: string;
  q8: string;
  q9: string;
  q10: string[];
  q10Other?: string | undefined;
  q11: string[];
  q11Other?: string | undefined;
  q12?: string | undefined;
}

/** The questions of an edition whose options include a `其他` that takes a text. */
const questionsWithText = (questionnaire: QuestionnaireDef) =>
  questionnaire.questions.filter(
    (q) => q.kind === 'multiple' && q.options.some((o) => o.takesText),
  );

function buildAnswersSchema(questionnaire: QuestionnaireDef) {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const question of questionnaire.questions) {
    const { id, kind, number, required } = question;
    if (kind === 'text') {
      const text = freeText(question.maxLength ?? SUGGESTION_MAX_LENGTH, `第${number}题`);
      shape[id] = required ? text : z.optional(text);
      continue;
    }
    const choice = kind === 'single' ? singleChoice(question) : multipleChoice(question);
    shape[id] = required ? choice : z.optional(choice);
    if (question.options.some((o) => o.takesText)) {
      shape[`${id}Other`] = z.optional(
        otherText(number, question.maxLength ?? OTHER_TEXT_MAX_LENGTH),
      );
    }
  }
  const withText = questionsWithText(questionnaire);
  return z.strictObject(shape).check(
    z.superRefine(
      (answers: Record<string, unknown>, ctx) => {
        for (const question of withText) {
          const chosen = answers[question.id] as readonly string[];
          const otherKey = `${question.id}Other`;
          const text = answers[otherKey];
          for (const option of question.options) {
            if (!option.takesText) continue;
            if (chosen.includes(option.letter) && text === undefined) {
              ctx.addIssue({
                code: 'custom',
                path: [otherKey],
                message: `请填写第${question.number}题“${option.label}”的内容`,
              });
            }
            if (!chosen.includes(option.letter) && text !== undefined) {
              ctx.addIssue({
                code: 'custom',
                path: [otherKey],
                message: `第${question.number}题没有选“${option.letter}. ${option.label}”，不应填写其内容`,
              });
            }
          }
        }
      },
      {
        // Runs whenever the questions with a 其他 are themselves readable, so a missing q1 does
        // not hide a missing 其他 text: the person sees every problem at once.
        when: (payload) => {
          const value = payload.value as Record<string, unknown> | null;
          return (
            typeof value === 'object' &&
            value !== null &&
            withText.every((q) => Array.isArray(value[q.id]))
          );
        },
      },
    ),
  ) as unknown as z.ZodMiniType<SurveyAnswers>;
}

const answersSchemas = new Map<QuestionnaireDef, z.ZodMiniType<SurveyAnswers>>();

/** The answers schema of one edition: its questions, letters and 其他 texts. */
export function surveyAnswersSchemaFor(
  questionnaire: QuestionnaireDef,
): z.ZodMiniType<SurveyAnswers> {
  let schema = answersSchemas.get(questionnaire);
  if (!schema) {
    schema = buildAnswersSchema(questionnaire);
    answersSchemas.set(questionnaire, schema);
  }
  return schema;
}

/** The current edition's answers (附件1, 2025). An item is checked by its own edition. */
export const SurveyAnswersSchema = surveyAnswersSchemaFor(CURRENT_QUESTIONNAIRE);

export const CommunityCodeSchema = z
  .string({ error: '缺少居民区编号' })
  .check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, '居民区编号格式不正确'));

export const HouseholdAddressSchema = z.string({ error: '请填写门牌地址' }).check(
  z.minLength(1, '请填写门牌地址'),
  // Nothing else is checked on a text over the limit: one clear message, and the address reader
  // never sees a stranger's 5,000 characters.
  z.maxLength(80, { error: '门牌地址不能超过 80 个字', abort: true }),
  z.refine((text: string) => !containsUnsafeCharacter(text), {
    message: `门牌地址${UNSAFE_CHARACTER_MESSAGE}`,
    abort: true,
  }),
  // An address goes into review lists and exports: a phone or ID number must not ride in it
  // (`13812345678号301室` reads as a household), so it is refused before it is read.
  z.refine((text: string) => !containsPersonalIdentifier(text), {
    message: '门牌地址中不能包含手机号码或身份证号码，请只填写楼号、单元和室号',
    abort: true,
  }),
  z.refine(
    (text: string) => householdKey(text) !== null,
    '无法识别门牌地址，请写明号（楼号或门牌号）和室号，例如“100弄12号301室”“新姚村3组25号”或“12-301”',
  ),
);

/**
 * The first day (Shanghai) anything for this assessment can have been collected: the 2025
 * questionnaire and the 2025 interviews start with the year. Nothing is stored from before it,
 * so a mistyped or forged year cannot reach the per-day figures.
 */
export const COLLECTION_START_DAY = '2025-01-01';

/** How far ahead of the server's clock a phone's clock may run (minutes, not days). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const ClientIdSchema = z.uuid({ error: '记录编号应为 UUID' });
const CollectedAtSchema = z.iso.datetime({ offset: true, error: '采集时间格式不正确' }).check(
  // At most nanoseconds: `2025-11-20T10:00:00.123456789+08:00`.
  z.maxLength(35, '采集时间格式不正确'),
  z.superRefine((time: string, ctx) => {
    const day = dayOrNull(time);
    if (day === null) ctx.addIssue({ code: 'custom', message: '采集时间格式不正确' });
    else if (day < COLLECTION_START_DAY) {
      ctx.addIssue({ code: 'custom', message: `采集时间不能早于 ${COLLECTION_START_DAY}` });
    }
  }),
);

/** The Shanghai day of a time, or null when there is none (also when zod refused the shape). */
function dayOrNull(time: string): string | null {
  try {
    return shanghaiDay(time);
  } catch {
    return null;
  }
}
const InterviewDateSchema = z.iso
  .date({ error: '访谈日期格式不正确' })
  .check(
    z.refine(
      (day: string) => day >= COLLECTION_START_DAY,
      `访谈日期不能早于 ${COLLECTION_START_DAY}`,
    ),
  );

/** The most answer changes one response reports: far beyond any real interview, and bounded. */
export const MAX_ANSWER_CHANGES = 10_000;

/**
 * How the form was filled (paradata), recorded by the phone or the resident's page: when the
 * first answer was given, and how many times an answer already given was changed. Optional, so
 * a response queued on a phone before it existed still syncs; part of the item, so it is hashed
 * with it and a retry stays the same item. Times are the phone's own clock, like collectedAt.
 */
export const SurveyParadataSchema = z.strictObject({
  startedAt: z.iso
    .datetime({ offset: true, error: '开始填写时间格式不正确' })
    .check(z.maxLength(35, '开始填写时间格式不正确')),
  answerChanges: z
    .int({ error: '改答次数应为整数' })
    .check(
      z.minimum(0, '改答次数不能为负数'),
      z.maximum(MAX_ANSWER_CHANGES, `改答次数不能超过 ${MAX_ANSWER_CHANGES}`),
    ),
});
export type SurveyParadata = z.infer<typeof SurveyParadataSchema>;

const KNOWN_VERSIONS = QUESTIONNAIRE_VERSIONS.map((q) => q.version) as [number, ...number[]];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A survey response, checked and later scored by the edition its `questionnaireVersion` names:
 * an item collected with last year's questionnaire is accepted as it was asked, and a version
 * this code does not know is refused ('未知的问卷版本').
 */
export const SurveyResponseSchema = z
  .strictObject({
    kind: z.literal('survey'),
    id: ClientIdSchema,
    questionnaireId: z.literal(CURRENT_QUESTIONNAIRE.id, { error: '未知的问卷' }),
    questionnaireVersion: z.literal(KNOWN_VERSIONS, { error: '未知的问卷版本' }),
    communityCode: CommunityCodeSchema,
    householdAddress: HouseholdAddressSchema,
    channel: z.enum(CHANNEL_IDS, { error: '未知的采集方式' }),
    collectedAt: CollectedAtSchema,
    // Checked below by the item's own edition, which this field cannot see.
    answers: z.custom<SurveyAnswers>(isPlainObject, {
      error: (issue) => (issue.input === undefined ? '缺少答卷' : '答卷格式不正确'),
    }),
    paradata: z.optional(SurveyParadataSchema),
  })
  .check(
    z.superRefine(
      (item, ctx) => {
        const questionnaire = findQuestionnaire(item.questionnaireVersion);
        if (!questionnaire) return;
        const result = surveyAnswersSchemaFor(questionnaire).safeParse(item.answers);
        if (result.success) return;
        for (const issue of result.error.issues) {
          ctx.addIssue({ ...issue, path: ['answers', ...issue.path] });
        }
      },
      {
        // Beside the envelope's own issues, so the person sees every problem at once.
        when: (payload) => {
          const value = payload.value;
          return (
            isPlainObject(value) &&
            findQuestionnaire(value.questionnaireVersion) !== undefined &&
            isPlainObject(value.answers)
          );
        },
      },
    ),
  );
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;

const interviewText = (label: string) => z.optional(freeText(INTERVIEW_TEXT_MAX_LENGTH, label));

/** An interview with a special group. It has no field for a name, an ID number or a phone number. */
export const InterviewRecordSchema = z.strictObject({
  kind: z.literal('interview'),
  id: ClientIdSchema,
  communityCode: CommunityCodeSchema,
  group: z.enum(INTERVIEW_GROUP_IDS, { error: '请选择访谈对象类别' }),
  method: z.enum(INTERVIEW_METHOD_IDS, { error: '请选择访谈方式' }),
  date: InterviewDateSchema,
  /** The interviewee's view of the residents' committee's work, on question 8's scale. */
  view: z.enum(letters(questionById('q8')), { error: '请选择对居委会工作的评价' }),
  needs: interviewText('居民需求'),
  problems: interviewText('反映的问题'),
  notes: interviewText('备注'),
  collectedAt: CollectedAtSchema,
});
export type InterviewRecord = z.infer<typeof InterviewRecordSchema>;

export const SyncItemSchema = z.discriminatedUnion(
  'kind',
  [SurveyResponseSchema, InterviewRecordSchema, z.lazy(() => VisitOutcomeSchema)],
  {
    error: '未知的记录类型',
  },
);
export type SyncItem = z.infer<typeof SyncItemSchema>;

/**
 * The bound the schemas cannot check alone, because it needs a clock: nothing collected later
 * than the server received it (plus CLOCK_SKEW_MS for a phone whose clock runs fast). The server
 * passes its receive time; a form may pass its own clock. Empty when the item is in time.
 */
export function collectionTimeIssues(item: SyncItem, receivedAt: string): FieldIssue[] {
  const latest = Date.parse(receivedAt) + CLOCK_SKEW_MS;
  const issues: FieldIssue[] = [];
  if (Date.parse(item.collectedAt) > latest) {
    issues.push({ path: 'collectedAt', message: '采集时间晚于当前时间，请检查手机的日期和时间' });
  }
  if (item.kind === 'interview' && item.date > shanghaiDay(new Date(latest).toISOString())) {
    issues.push({ path: 'date', message: '访谈日期晚于今天，请检查访谈日期' });
  }
  return issues;
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. `answers.q10Other`; empty for the whole item. */
  readonly path: string;
  readonly message: string;
}

/**
 * The most issues one item reports: enough for every field of a form, and an item with a
 * hundred thousand unknown keys does not make an answer many times the size of the request.
 */
export const MAX_FIELD_ISSUES = 30;

/** Field-level reasons, in Chinese, for showing beside a field or returning from the server. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return allFieldIssues(error).slice(0, MAX_FIELD_ISSUES);
}

function allFieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // zod reports unknown keys on the object that holds them; name each key as its own field so
    // the person (or the client's log) sees which field is not allowed.
    if (issue.code === 'unrecognized_keys') {
      // A key is whatever the sender wrote: at most 40 characters of it are sent back.
      return issue.keys.map((key) => {
        const named = key.length > 40 ? `${key.slice(0, 40)}…` : key;
        return { path: [...path, named].join('.'), message: `不允许的字段“${named}”` };
      });
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}
