import { z } from 'zod';
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
  OTHER_TEXT_MAX_LENGTH,
  type QuestionId,
  questionById,
  SUGGESTION_MAX_LENGTH,
} from './questionnaire.ts';

// Schemas never transform: what is validated is exactly what is stored and compared, so a
// retried item's content is byte-for-byte the content first accepted.

function letters(id: QuestionId): [string, ...string[]] {
  return questionById(id).options.map((o) => o.letter) as [string, ...string[]];
}

function singleChoice(id: QuestionId) {
  const { number } = questionById(id);
  return z.enum(letters(id), {
    error: (issue) =>
      issue.input === undefined
        ? `请回答第${number}题`
        : `第${number}题没有选项“${String(issue.input)}”`,
  });
}

function multipleChoice(id: QuestionId) {
  const { number, options } = questionById(id);
  return z
    .array(
      z.enum(letters(id), {
        error: (issue) => `第${number}题没有选项“${String(issue.input)}”`,
      }),
      {
        error: (issue) =>
          issue.input === undefined ? `请回答第${number}题` : `第${number}题应为多选`,
      },
    )
    .min(1, `请回答第${number}题（至少选一项）`)
    .refine((chosen) => new Set(chosen).size === chosen.length, `第${number}题有重复的选项`)
    .superRefine((chosen, ctx) => {
      // On the array itself, so the refusal shows even when other questions are still unanswered.
      for (const option of options) {
        if (option.exclusive && chosen.includes(option.letter) && chosen.length > 1) {
          ctx.addIssue({
            code: 'custom',
            message: `第${number}题选了“${option.letter}. ${option.label}”就不能再选其他项`,
          });
        }
      }
    });
}

/** Free text a person types: bounded, and never a phone or ID number. */
export function freeText(maxLength: number, label: string) {
  return z
    .string({ error: `${label}应为文字` })
    .max(maxLength, `${label}不能超过 ${maxLength} 个字`)
    .refine((text) => !containsPersonalIdentifier(text), PERSONAL_IDENTIFIER_MESSAGE);
}

// Blank or spaces only is no answer: a 其他 box must say something.
const otherText = (number: number) =>
  freeText(OTHER_TEXT_MAX_LENGTH, `第${number}题“其他”`).refine(
    (text) => text.trim().length > 0,
    `请填写第${number}题“其他”的内容`,
  );

export const SurveyAnswersSchema = z
  .strictObject({
    q1: singleChoice('q1'),
    q2: singleChoice('q2'),
    q3: singleChoice('q3'),
    q4: singleChoice('q4'),
    q5: singleChoice('q5'),
    q6: singleChoice('q6'),
    q7: singleChoice('q7'),
    q8: singleChoice('q8'),
    q9: singleChoice('q9'),
    q10: multipleChoice('q10'),
    q10Other: otherText(10).optional(),
    q11: multipleChoice('q11'),
    q11Other: otherText(11).optional(),
    q12: freeText(SUGGESTION_MAX_LENGTH, '第12题').optional(),
  })
  .superRefine(
    (answers, ctx) => {
      for (const id of ['q10', 'q11'] as const) {
        const question = questionById(id);
        const chosen: readonly string[] = answers[id];
        for (const option of question.options) {
          if (!option.takesText) continue;
          const otherKey = `${id}Other` as const;
          const text = answers[otherKey];
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
      // Runs whenever q10 and q11 themselves are readable, so a missing q1 does not hide a missing
      // 其他 text: the person sees every problem at once.
      when: (payload) => {
        const value = payload.value as Record<string, unknown> | null;
        return (
          typeof value === 'object' &&
          value !== null &&
          Array.isArray(value.q10) &&
          Array.isArray(value.q11)
        );
      },
    },
  );
export type SurveyAnswers = z.infer<typeof SurveyAnswersSchema>;

export const CommunityCodeSchema = z
  .string({ error: '缺少居民区编号' })
  .regex(/^[A-Za-z0-9_-]{1,32}$/, '居民区编号格式不正确');

export const HouseholdAddressSchema = z
  .string({ error: '请填写门牌地址' })
  .min(1, '请填写门牌地址')
  .max(80, '门牌地址不能超过 80 个字')
  .refine(
    (text) => householdKey(text) !== null,
    '无法识别门牌地址，请写明楼号和室号，例如“12号楼301室”或“12-301”',
  );

const ClientIdSchema = z.uuid({ error: '记录编号应为 UUID' });
const CollectedAtSchema = z.iso.datetime({ offset: true, error: '采集时间格式不正确' });

export const SurveyResponseSchema = z.strictObject({
  kind: z.literal('survey'),
  id: ClientIdSchema,
  questionnaireId: z.literal(CURRENT_QUESTIONNAIRE.id, { error: '未知的问卷' }),
  questionnaireVersion: z.literal(CURRENT_QUESTIONNAIRE.version, { error: '未知的问卷版本' }),
  communityCode: CommunityCodeSchema,
  householdAddress: HouseholdAddressSchema,
  channel: z.enum(CHANNEL_IDS, { error: '未知的采集方式' }),
  collectedAt: CollectedAtSchema,
  answers: SurveyAnswersSchema,
});
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;

const interviewText = (label: string) => freeText(INTERVIEW_TEXT_MAX_LENGTH, label).optional();

/** An interview with a special group. It has no field for a name, an ID number or a phone number. */
export const InterviewRecordSchema = z.strictObject({
  kind: z.literal('interview'),
  id: ClientIdSchema,
  communityCode: CommunityCodeSchema,
  group: z.enum(INTERVIEW_GROUP_IDS, { error: '请选择访谈对象类别' }),
  method: z.enum(INTERVIEW_METHOD_IDS, { error: '请选择访谈方式' }),
  date: z.iso.date({ error: '访谈日期格式不正确' }),
  /** The interviewee's view of the residents' committee's work, on question 8's scale. */
  view: z.enum(letters('q8'), { error: '请选择对居委会工作的评价' }),
  needs: interviewText('居民需求'),
  problems: interviewText('反映的问题'),
  notes: interviewText('备注'),
  collectedAt: CollectedAtSchema,
});
export type InterviewRecord = z.infer<typeof InterviewRecordSchema>;

export const SyncItemSchema = z.discriminatedUnion(
  'kind',
  [SurveyResponseSchema, InterviewRecordSchema],
  {
    error: '未知的记录类型',
  },
);
export type SyncItem = z.infer<typeof SyncItemSchema>;

export interface FieldIssue {
  /** Dotted path of the field, e.g. `answers.q10Other`; empty for the whole item. */
  readonly path: string;
  readonly message: string;
}

/** Field-level reasons, in Chinese, for showing beside a field or returning from the server. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // zod reports unknown keys on the object that holds them; name each key as its own field so
    // the person (or the client's log) sees which field is not allowed.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: `不允许的字段“${key}”`,
      }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}
