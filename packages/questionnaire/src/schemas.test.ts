import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import {
  INTERVIEW_GROUP_IDS,
  INTERVIEW_METHOD_IDS,
  INTERVIEW_TEXT_MAX_LENGTH,
} from './interview.ts';
import { OTHER_TEXT_MAX_LENGTH, SUGGESTION_MAX_LENGTH } from './questionnaire.ts';
import {
  collectionTimeIssues,
  type FieldIssue,
  fieldIssues,
  InterviewRecordSchema,
  type SurveyAnswers,
  SurveyAnswersSchema,
  type SurveyResponse,
  SurveyResponseSchema,
  SyncItemSchema,
} from './schemas.ts';

const answers: SurveyAnswers = {
  q1: 'A',
  q2: 'C',
  q3: 'A',
  q4: 'B',
  q5: 'C',
  q6: 'D',
  q7: 'C',
  q8: 'B',
  q9: 'A',
  q10: ['A', 'C'],
  q11: ['F'],
};

const response: SurveyResponse = {
  kind: 'survey',
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  questionnaireId: 'jiuting-2025',
  questionnaireVersion: 1,
  communityCode: 'JT-07',
  householdAddress: '12号楼301室',
  channel: 'door',
  collectedAt: '2025-12-01T09:30:00+08:00',
  answers,
};

const interview = {
  kind: 'interview',
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  communityCode: 'JT-07',
  group: 'elderly_living_alone',
  method: 'home',
  date: '2025-12-02',
  view: 'B',
  needs: '希望多一些上门助餐服务',
  problems: '楼道照明坏了',
  notes: '由社区志愿者陪同',
  collectedAt: '2025-12-02T15:00:00+08:00',
} as const;

const HAN = /\p{Script=Han}/u;

/** The field-level issues of a refused input; fails the test if the input was accepted. */
function refusal(schema: z.ZodMiniType, input: unknown): FieldIssue[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return fieldIssues(result.error);
}

const paths = (issues: FieldIssue[]) => issues.map((i) => i.path);

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** A deep copy, so "unchanged" means equal to an input the schema never held. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('a valid survey response', () => {
  it('is accepted unchanged (no coercion: the output deep-equals the input)', () => {
    const input = clone(response);
    expect(SurveyResponseSchema.parse(input)).toStrictEqual(response);
  });

  it('is accepted unchanged with every optional text filled in', () => {
    const full: SurveyResponse = {
      ...response,
      channel: 'paper',
      householdAddress: '１２栋３０１',
      answers: {
        ...answers,
        q10: ['H', 'B'],
        q10Other: '地下车库漏水',
        q11: ['G'],
        q11Other: '增加充电桩',
        q12: '希望多组织活动',
      },
    };
    expect(SurveyResponseSchema.parse(clone(full))).toStrictEqual(full);
  });

  it('refuses an over-long address with the length message alone (nothing else reads it)', () => {
    const householdAddress = '九'.repeat(5000);
    expect(refusal(SurveyResponseSchema, { ...response, householdAddress })).toEqual([
      { path: 'householdAddress', message: '门牌地址不能超过 80 个字' },
    ]);
  });

  it('keeps the address exactly as typed (the household key is computed, not stored over it)', () => {
    const typed = { ...response, householdAddress: ' 12 号楼 301 室 ' };
    expect(SurveyResponseSchema.parse(typed).householdAddress).toBe(' 12 号楼 301 室 ');
  });

  it('is accepted from every channel', () => {
    for (const channel of ['door', 'qr', 'phone', 'paper'] as const) {
      expect(SurveyResponseSchema.safeParse({ ...response, channel }).success, channel).toBe(true);
    }
  });

  it('accepts q10 I 无 on its own', () => {
    expect(SurveyAnswersSchema.safeParse({ ...answers, q10: ['I'] }).success).toBe(true);
  });

  it('accepts a UTC collectedAt', () => {
    const utc = { ...response, collectedAt: '2025-12-01T01:30:00.000Z' };
    expect(SurveyResponseSchema.safeParse(utc).success).toBe(true);
  });
});

describe('survey answers refused, each naming the field', () => {
  for (const id of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11'] as const) {
    it(`refuses a response without ${id}`, () => {
      const issues = refusal(SurveyAnswersSchema, withoutKey(answers, id));
      expect(issues).toEqual([{ path: id, message: `请回答第${id.slice(1)}题` }]);
    });
  }

  it('accepts a response without q12 (it is optional)', () => {
    expect(SurveyAnswersSchema.safeParse(answers).success).toBe(true);
  });

  it('refuses a letter the question does not print', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q3: 'C' })).toEqual([
      { path: 'q3', message: '第3题没有选项“C”' },
    ]);
  });

  it('refuses q11 E, which 附件1 does not print', () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q11: ['E'] }))).toEqual(['q11.0']);
  });

  it("refuses q10's lowercase c: answers use the capital letter", () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q10: ['c'] }))).toEqual(['q10.0']);
  });

  it('refuses a number where a letter belongs', () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q4: 1 }))).toEqual(['q4']);
  });

  it('refuses a string where q10 expects a list of letters', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q10: 'A' })).toEqual([
      { path: 'q10', message: '第10题应为多选' },
    ]);
  });

  it('refuses an empty q10', () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q10: [] }))).toEqual(['q10']);
  });

  it('refuses a letter chosen twice', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q11: ['A', 'A'] })).toEqual([
      { path: 'q11', message: '第11题有重复的选项' },
    ]);
  });

  it('refuses I 无 together with another option', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q10: ['A', 'I'] })).toEqual([
      { path: 'q10', message: '第10题选了“I. 无”就不能再选其他项' },
    ]);
  });

  it('reports I 无 combined even while another question is still wrong', () => {
    const issues = refusal(SurveyAnswersSchema, { ...answers, q1: 'Z', q10: ['I', 'G'] });
    expect(paths(issues)).toEqual(['q1', 'q10']);
  });

  it('refuses an unknown key inside the answers, naming it', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q13: 'A' })).toEqual([
      { path: 'q13', message: '不允许的字段“q13”' },
    ]);
  });

  it('refuses q12 longer than its limit', () => {
    const q12 = '建'.repeat(SUGGESTION_MAX_LENGTH + 1);
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q12 }))).toEqual(['q12']);
  });

  it('accepts q12 exactly at its limit', () => {
    const q12 = '建'.repeat(SUGGESTION_MAX_LENGTH);
    expect(SurveyAnswersSchema.safeParse({ ...answers, q12 }).success).toBe(true);
  });

  it('refuses a number as q12', () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q12: 12 }))).toEqual(['q12']);
  });

  it('refuses a 其他 text longer than its limit', () => {
    const q10Other = '字'.repeat(OTHER_TEXT_MAX_LENGTH + 1);
    const issues = refusal(SurveyAnswersSchema, { ...answers, q10: ['H'], q10Other });
    expect(paths(issues)).toEqual(['q10Other']);
  });

  it('refuses q10 H 其他 without its text', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q10: ['H'] })).toEqual([
      { path: 'q10Other', message: '请填写第10题“其他”的内容' },
    ]);
  });

  it('refuses q11 G 其他 without its text', () => {
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q11: ['G'] }))).toEqual(['q11Other']);
  });

  it('refuses a 其他 text that is only spaces', () => {
    const issues = refusal(SurveyAnswersSchema, { ...answers, q11: ['G'], q11Other: '   ' });
    expect(paths(issues)).toEqual(['q11Other']);
  });

  it('reports a missing 其他 text even while another question is still unanswered', () => {
    const issues = refusal(SurveyAnswersSchema, { ...withoutKey(answers, 'q2'), q10: ['H'] });
    expect(paths(issues)).toEqual(['q2', 'q10Other']);
  });

  it('refuses a 其他 text when 其他 was not chosen', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q10Other: '停车难' })).toEqual([
      { path: 'q10Other', message: '第10题没有选“H. 其他”，不应填写其内容' },
    ]);
    expect(paths(refusal(SurveyAnswersSchema, { ...answers, q11Other: '更多活动' }))).toEqual([
      'q11Other',
    ]);
  });

  it('refuses a mobile number typed into q12', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q12: '有事打我 138 1234 5678' })).toEqual([
      { path: 'q12', message: '请勿填写手机号码或身份证号码' },
    ]);
  });
});

describe('the survey envelope refused, each naming the field', () => {
  const cases: Array<[string, Partial<Record<keyof SurveyResponse, unknown>>, string]> = [
    ['an unknown questionnaire id', { questionnaireId: 'jiuting-2024' }, 'questionnaireId'],
    ['an unknown questionnaire version', { questionnaireVersion: 99 }, 'questionnaireVersion'],
    ['a version given as text', { questionnaireVersion: '1' }, 'questionnaireVersion'],
    ['an id that is not a UUID', { id: 'resp-0001' }, 'id'],
    ['a community code with Chinese or spaces', { communityCode: '九亭 1' }, 'communityCode'],
    ['an empty community code', { communityCode: '' }, 'communityCode'],
    ['an unreadable household address', { householdAddress: '小区门口' }, 'householdAddress'],
    ['an empty household address', { householdAddress: '' }, 'householdAddress'],
    ['an unknown channel', { channel: 'wechat' }, 'channel'],
    ['a collectedAt that is not a time', { collectedAt: '昨天下午' }, 'collectedAt'],
    ['a collectedAt without its time zone', { collectedAt: '2025-12-01T09:30:00' }, 'collectedAt'],
    ['a collectedAt given as a number', { collectedAt: 1764552600000 }, 'collectedAt'],
    ['a collectedAt in the year 0000', { collectedAt: '0000-01-01T00:00:00+08:00' }, 'collectedAt'],
    ['a collectedAt in the year 9999', { collectedAt: '9999-12-31T23:59:59Z' }, 'collectedAt'],
    [
      'a collectedAt before the assessment',
      { collectedAt: '2024-12-31T23:59:59+08:00' },
      'collectedAt',
    ],
    [
      'a collectedAt with endless fractional seconds',
      { collectedAt: `2025-12-01T09:30:00.${'1'.repeat(100)}+08:00` },
      'collectedAt',
    ],
    [
      'an address holding a mobile number',
      { householdAddress: '13812345678号301室' },
      'householdAddress',
    ],
    [
      'an address holding an ID number',
      { householdAddress: '310101199001011234号1室' },
      'householdAddress',
    ],
    [
      'an address with a NUL character',
      { householdAddress: '12号楼\u0000301室' },
      'householdAddress',
    ],
    [
      'an address with a bidi override',
      { householdAddress: '12号楼\u202E301室' },
      'householdAddress',
    ],
    ['answers of the wrong type', { answers: 'A,B,C' }, 'answers'],
    ['another kind', { kind: 'interview' }, 'kind'],
  ];
  for (const [what, change, field] of cases) {
    it(`refuses ${what}`, () => {
      expect(paths(refusal(SurveyResponseSchema, { ...response, ...change }))).toContain(field);
    });
  }

  it('refuses an unknown top-level key, naming it', () => {
    expect(refusal(SurveyResponseSchema, { ...response, score: 100 })).toEqual([
      { path: 'score', message: '不允许的字段“score”' },
    ]);
  });

  it('names at most 30 issues, however many unknown keys an item holds', () => {
    const flood = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    const issues = refusal(SurveyResponseSchema, { ...response, ...flood });
    expect(issues).toHaveLength(30);
    expect(issues[0]).toEqual({ path: 'k0', message: '不允许的字段“k0”' });
  });

  it('names an unknown key of 100,000 characters by its first 40', () => {
    const key = 'k'.repeat(100_000);
    expect(refusal(SurveyResponseSchema, { ...response, [key]: 1 })).toEqual([
      { path: `${'k'.repeat(40)}…`, message: `不允许的字段“${'k'.repeat(40)}…”` },
    ]);
  });

  it('names the answer field inside the envelope', () => {
    const issues = refusal(SurveyResponseSchema, { ...response, answers: { ...answers, q8: 'E' } });
    expect(paths(issues)).toEqual(['answers.q8']);
  });

  it('names each missing envelope field', () => {
    expect(paths(refusal(SurveyResponseSchema, { kind: 'survey' })).sort()).toEqual(
      [
        'answers',
        'channel',
        'collectedAt',
        'communityCode',
        'householdAddress',
        'id',
        'questionnaireId',
        'questionnaireVersion',
      ].sort(),
    );
  });
});

describe('the collection time', () => {
  it('accepts the first minute of the assessment, Shanghai time', () => {
    const first = { ...response, collectedAt: '2024-12-31T16:00:00Z' };
    expect(SurveyResponseSchema.safeParse(first).success).toBe(true);
  });

  it('refuses an address holding a phone number with a field-level Chinese message', () => {
    expect(
      refusal(SurveyResponseSchema, { ...response, householdAddress: '138.1234.5678号301室' }),
    ).toEqual([
      {
        path: 'householdAddress',
        message: '门牌地址中不能包含手机号码或身份证号码，请只填写楼号、单元和室号',
      },
    ]);
  });

  it('finds no issue with a time before the server received it, or a few minutes after (a fast clock)', () => {
    expect(collectionTimeIssues(response, '2025-12-01T01:30:00Z')).toEqual([]);
    expect(collectionTimeIssues(response, '2025-12-01T01:26:00Z')).toEqual([]);
  });

  it('names collectedAt when it is later than the receive time beyond the allowed skew', () => {
    expect(collectionTimeIssues(response, '2025-12-01T01:24:59Z')).toEqual([
      { path: 'collectedAt', message: '采集时间晚于当前时间，请检查手机的日期和时间' },
    ]);
  });

  it("names an interview's date when it is after the receive day in Shanghai", () => {
    const parsed = InterviewRecordSchema.parse({ ...interview, date: '2025-12-03' });
    expect(collectionTimeIssues(parsed, '2025-12-02T15:54:59Z')).toEqual([
      { path: 'date', message: '访谈日期晚于今天，请检查访谈日期' },
    ]);
    expect(collectionTimeIssues(parsed, '2025-12-02T15:55:00Z')).toEqual([]);
  });

  it('refuses an interview date before the assessment', () => {
    expect(paths(refusal(InterviewRecordSchema, { ...interview, date: '2024-12-31' }))).toEqual([
      'date',
    ]);
  });
});

describe('text with characters that are not text', () => {
  const unsafe = [
    ['a NUL', '楼道\u0000照明'],
    ['an escape', '楼道\u001B[31m照明'],
    ['a C1 control', '楼道\u0085照明'],
    ['a right-to-left override', '楼道\u202E照明'],
    ['a bidi isolate', '楼道\u2066照明\u2069'],
    ['a lone high surrogate', '楼道\uD83D照明'],
    ['a lone low surrogate', '楼道\uDE00照明'],
    ['a lone surrogate at the end', '楼道\uD83D'],
  ] as const;
  for (const [what, text] of unsafe) {
    it(`refuses ${what} in q12 and in an interview's notes, naming the field`, () => {
      expect(refusal(SurveyAnswersSchema, { ...answers, q12: text })[0]?.path).toBe('q12');
      expect(paths(refusal(InterviewRecordSchema, { ...interview, notes: text }))).toEqual([
        'notes',
      ]);
    });
  }

  it('accepts line breaks, tabs, emoji and Chinese punctuation', () => {
    const text = '第一点：楼道照明。\r\n第二点：\t加装扶手 👍';
    expect(SurveyAnswersSchema.safeParse({ ...answers, q12: text }).success).toBe(true);
  });
});

describe('a refused choice', () => {
  it('is described without reading the value: a deeply nested q10 gets a message, not a stack overflow', () => {
    let deep: unknown = 'A';
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    expect(refusal(SurveyAnswersSchema, { ...answers, q10: [deep] })).toEqual([
      { path: 'q10.0', message: '第10题没有选项所填的值' },
    ]);
  });

  it('names a short letter that is not printed', () => {
    expect(refusal(SurveyAnswersSchema, { ...answers, q3: 'Z' })).toEqual([
      { path: 'q3', message: '第3题没有选项“Z”' },
    ]);
  });
});

describe('an interview record', () => {
  it('is accepted unchanged', () => {
    expect(InterviewRecordSchema.parse(clone(interview))).toStrictEqual(interview);
  });

  it('needs no text: needs, problems and notes are optional', () => {
    const bare = withoutKey(withoutKey(withoutKey(interview, 'needs'), 'problems'), 'notes');
    expect(InterviewRecordSchema.parse(clone(bare))).toStrictEqual(bare);
  });

  for (const group of INTERVIEW_GROUP_IDS) {
    it(`accepts the group ${group}`, () => {
      expect(InterviewRecordSchema.safeParse({ ...interview, group }).success).toBe(true);
    });
  }

  for (const method of INTERVIEW_METHOD_IDS) {
    it(`accepts the method ${method}`, () => {
      expect(InterviewRecordSchema.safeParse({ ...interview, method }).success).toBe(true);
    });
  }

  it('accepts each view on q8’s scale A–D and refuses E', () => {
    for (const view of ['A', 'B', 'C', 'D']) {
      expect(InterviewRecordSchema.safeParse({ ...interview, view }).success, view).toBe(true);
    }
    expect(paths(refusal(InterviewRecordSchema, { ...interview, view: 'E' }))).toEqual(['view']);
  });

  it('refuses an unknown group', () => {
    expect(refusal(InterviewRecordSchema, { ...interview, group: 'veteran' })).toEqual([
      { path: 'group', message: '请选择访谈对象类别' },
    ]);
  });

  it('refuses an unknown method', () => {
    expect(paths(refusal(InterviewRecordSchema, { ...interview, method: 'video' }))).toEqual([
      'method',
    ]);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(paths(refusal(InterviewRecordSchema, { ...interview, date: '2025-13-01' }))).toEqual([
      'date',
    ]);
  });

  it('refuses an id that is not a UUID', () => {
    expect(paths(refusal(InterviewRecordSchema, { ...interview, id: '42' }))).toEqual(['id']);
  });

  it('has no field for a name, phone number or ID number: each is refused as unknown', () => {
    for (const key of ['name', 'phone', 'idNumber', 'intervieweeName', 'address']) {
      expect(refusal(InterviewRecordSchema, { ...interview, [key]: 'x' }), key).toEqual([
        { path: key, message: `不允许的字段“${key}”` },
      ]);
    }
  });

  it('refuses text containing a mobile number, in any text field', () => {
    for (const field of ['needs', 'problems', 'notes'] as const) {
      const issues = refusal(InterviewRecordSchema, { ...interview, [field]: '联系13912345678' });
      expect(issues, field).toEqual([{ path: field, message: '请勿填写手机号码或身份证号码' }]);
    }
  });

  it('refuses text containing an 18-digit ID number', () => {
    const notes = '身份证 31011719800101123X';
    expect(paths(refusal(InterviewRecordSchema, { ...interview, notes }))).toEqual(['notes']);
  });

  it('accepts text with short numbers such as a room or a count', () => {
    const notes = '12号楼301室，家中3人，每月收入2000元';
    expect(InterviewRecordSchema.safeParse({ ...interview, notes }).success).toBe(true);
  });

  it('refuses text longer than its limit', () => {
    const needs = '需'.repeat(INTERVIEW_TEXT_MAX_LENGTH + 1);
    expect(paths(refusal(InterviewRecordSchema, { ...interview, needs }))).toEqual(['needs']);
  });
});

describe('a sync item', () => {
  it('is read as a survey or an interview by its kind', () => {
    expect(SyncItemSchema.parse(clone(response))).toStrictEqual(response);
    expect(SyncItemSchema.parse(clone(interview))).toStrictEqual(interview);
  });

  it('refuses an unknown kind', () => {
    expect(refusal(SyncItemSchema, { ...interview, kind: 'photo' })[0]?.message).toBe(
      '未知的记录类型',
    );
  });
});

describe('messages', () => {
  const badInputs: Array<[z.ZodMiniType, unknown]> = [
    [SurveyResponseSchema, null],
    [SurveyResponseSchema, {}],
    [SurveyResponseSchema, { ...response, answers: { q1: 7, q10: 'x', extra: true } }],
    [SurveyResponseSchema, { ...response, id: 5, channel: 1, collectedAt: false }],
    [InterviewRecordSchema, {}],
    [InterviewRecordSchema, { ...interview, needs: 3, date: 20251202 }],
    [SyncItemSchema, 'survey'],
  ];

  it('are in Chinese, every one, including the ones zod writes itself', () => {
    for (const [schema, input] of badInputs) {
      for (const issue of refusal(schema, input)) {
        expect(issue.message, `${issue.path}: ${issue.message}`).toMatch(HAN);
      }
    }
  });
});

describe('paradata on a survey response', () => {
  const paradata = { startedAt: '2025-11-20T09:54:00+08:00', answerChanges: 2 };

  it('is accepted unchanged when present, and a response without it is still valid', () => {
    const withParadata = { ...response, paradata };
    expect(SurveyResponseSchema.parse(withParadata)).toEqual(withParadata);
    expect(SurveyResponseSchema.safeParse(response).success).toBe(true);
  });

  it('refuses unknown keys, a negative or fractional count, an unbounded count and a bad time', () => {
    const refused = (p: unknown) => {
      const result = SurveyResponseSchema.safeParse({ ...response, paradata: p });
      return result.success ? [] : fieldIssues(result.error).map((i) => i.path);
    };
    expect(refused({ ...paradata, ip: '1.2.3.4' })).toEqual(['paradata.ip']);
    expect(refused({ ...paradata, answerChanges: -1 })).toEqual(['paradata.answerChanges']);
    expect(refused({ ...paradata, answerChanges: 1.5 })).toEqual(['paradata.answerChanges']);
    expect(refused({ ...paradata, answerChanges: 10_001 })).toEqual(['paradata.answerChanges']);
    expect(refused({ ...paradata, startedAt: 'yesterday' })).toEqual(['paradata.startedAt']);
  });
});
