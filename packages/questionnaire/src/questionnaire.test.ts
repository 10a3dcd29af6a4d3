import { describe, expect, it } from 'vitest';
import {
  CURRENT_QUESTIONNAIRE,
  JIUTING_2025,
  QUESTIONS,
  type QuestionId,
  questionById,
  questionnaireHeading,
  SCORED_QUESTION_IDS,
  SECTIONS,
} from './questionnaire.ts';

// Expected values are copied by hand from 附件1 of 松九委〔2025〕153号
// (../shared/seed/000_c3d2678957aed386.txt), not derived from the code under test.

function option(id: QuestionId, letter: string) {
  const found = questionById(id).options.find((o) => o.letter === letter);
  if (!found) throw new Error(`${id} has no option ${letter}`);
  return found;
}

const pointsOf = (id: QuestionId, letter: string) => option(id, letter).points;

describe('the point table of 附件1 (one assertion per option)', () => {
  it('q3 A 知晓 is worth 10', () => expect(pointsOf('q3', 'A')).toBe(10));
  it('q3 B 不知晓 is worth 0', () => expect(pointsOf('q3', 'B')).toBe(0));

  it('q4 A 一月一次 is worth 15', () => expect(pointsOf('q4', 'A')).toBe(15));
  it('q4 B 一季度一次 is worth 10', () => expect(pointsOf('q4', 'B')).toBe(10));
  it('q4 C 半年一次 is worth 6', () => expect(pointsOf('q4', 'C')).toBe(6));
  it('q4 D 一年一次 is worth 3', () => expect(pointsOf('q4', 'D')).toBe(3));
  it('q4 E 从未电话联系或走访 is worth 0', () => expect(pointsOf('q4', 'E')).toBe(0));

  it('q5 A 0 件 is worth 3', () => expect(pointsOf('q5', 'A')).toBe(3));
  it('q5 B 1-2 件 is worth 7', () => expect(pointsOf('q5', 'B')).toBe(7));
  it('q5 C 3-4 件 is worth 11', () => expect(pointsOf('q5', 'C')).toBe(11));
  it('q5 D 5 件及以上 is worth 15', () => expect(pointsOf('q5', 'D')).toBe(15));

  it('q6 A 越变越差 is worth 0', () => expect(pointsOf('q6', 'A')).toBe(0));
  it('q6 B 没有变化 is worth 5', () => expect(pointsOf('q6', 'B')).toBe(5));
  it('q6 C 有些改善 is worth 10', () => expect(pointsOf('q6', 'C')).toBe(10));
  it('q6 D 改善较大 is worth 15', () => expect(pointsOf('q6', 'D')).toBe(15));

  it('q7 A 越变越差 is worth 0', () => expect(pointsOf('q7', 'A')).toBe(0));
  it('q7 B 没有变化 is worth 5', () => expect(pointsOf('q7', 'B')).toBe(5));
  it('q7 C 有些改善 is worth 10', () => expect(pointsOf('q7', 'C')).toBe(10));
  it('q7 D 改善较大 is worth 15', () => expect(pointsOf('q7', 'D')).toBe(15));

  it('q8 A 满意 is worth 20', () => expect(pointsOf('q8', 'A')).toBe(20));
  it('q8 B 比较满意 is worth 12', () => expect(pointsOf('q8', 'B')).toBe(12));
  it('q8 C 一般 is worth 6', () => expect(pointsOf('q8', 'C')).toBe(6));
  it('q8 D 不满意 is worth 0', () => expect(pointsOf('q8', 'D')).toBe(0));

  it('q9 A 满意 is worth 10', () => expect(pointsOf('q9', 'A')).toBe(10));
  it('q9 B 比较满意 is worth 8', () => expect(pointsOf('q9', 'B')).toBe(8));
  it('q9 C 一般 is worth 6', () => expect(pointsOf('q9', 'C')).toBe(6));
  it('q9 D 不满意 is worth 0', () => expect(pointsOf('q9', 'D')).toBe(0));
});

describe('question totals', () => {
  it('each scored question prints the total its 得分说明 states', () => {
    const totals = Object.fromEntries(
      SCORED_QUESTION_IDS.map((id) => [id, questionById(id).maxPoints]),
    );
    expect(totals).toEqual({ q3: 10, q4: 15, q5: 15, q6: 15, q7: 15, q8: 20, q9: 10 });
  });

  it('the scored questions carry 100 points in all', () => {
    const sum = SCORED_QUESTION_IDS.reduce((s, id) => s + (questionById(id).maxPoints ?? 0), 0);
    expect(sum).toBe(100);
  });

  it("each scored question's best option is worth its total", () => {
    for (const id of SCORED_QUESTION_IDS) {
      const best = Math.max(...questionById(id).options.map((o) => o.points ?? 0));
      expect(best, id).toBe(questionById(id).maxPoints);
    }
  });

  it('only questions 3–9 carry points', () => {
    const scored = QUESTIONS.filter((q) => q.options.some((o) => o.points !== undefined)).map(
      (q) => q.id,
    );
    expect(scored).toEqual([...SCORED_QUESTION_IDS]);
  });
});

describe('wording as printed', () => {
  it('asks the twelve questions in order, in the printed words', () => {
    expect(QUESTIONS.map((q) => `${q.number}、${q.text}`)).toEqual([
      '1、您在本社区的身份',
      '2、您的年龄段',
      '3、您是否知晓居民区党组织书记(主任)是谁?',
      '4、居委会干部日常联系、走访的频次是',
      '5、今年以来居民区实施的民生实事为多少件?',
      '6、今年以来急难愁盼问题是否有解决?',
      '7、今年以来社区整体面貌是否有改善?',
      '8、您对居委会工作是否满意?',
      '9、您对物业管理和服务是否满意?',
      '10、您认为小区内还存在哪些亟待解决的治理问题?',
      '11、您对社区治理的展望是?',
      '12、您对社区工作还有哪些意见和建议?',
    ]);
  });

  it('gives each question the ids q1…q12', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
      'q10',
      'q11',
      'q12',
    ]);
  });

  it('prints every option with its letter and words', () => {
    const printed = Object.fromEntries(
      QUESTIONS.map((q) => [q.id, q.options.map((o) => `${o.letter}. ${o.label}`)]),
    );
    expect(printed).toEqual({
      q1: ['A. 业主', 'B. 租户'],
      q2: [
        'A. 18 岁以下',
        'B. 18-30 岁',
        'C. 31-40 岁',
        'D. 41-50 岁',
        'E. 51-59 岁',
        'F. 60 岁及以上',
      ],
      q3: ['A. 知晓', 'B. 不知晓'],
      q4: ['A. 一月一次', 'B. 一季度一次', 'C. 半年一次', 'D. 一年一次', 'E. 从未电话联系或走访'],
      q5: ['A. 0 件', 'B. 1-2 件', 'C. 3-4 件', 'D. 5 件及以上'],
      q6: ['A. 越变越差', 'B. 没有变化', 'C. 有些改善', 'D. 改善较大'],
      q7: ['A. 越变越差', 'B. 没有变化', 'C. 有些改善', 'D. 改善较大'],
      q8: ['A. 满意', 'B. 比较满意', 'C. 一般', 'D. 不满意'],
      q9: ['A. 满意', 'B. 比较满意', 'C. 一般', 'D. 不满意'],
      q10: [
        'A. 楼道堆物',
        'B. 保洁不到位',
        'C. 电瓶车乱停乱放',
        'D. 高空抛物',
        'E. 不文明养宠',
        'F. 乱搭建',
        'G. 群租',
        'H. 其他',
        'I. 无',
      ],
      q11: [
        'A. 多一些为老服务',
        'B. 多一些托幼服务',
        'C. 多一些社区活动空间',
        'D. 社区工作更民主',
        'F. 物业管理更规范',
        'G. 其他',
      ],
      q12: [],
    });
  });

  it('groups the questions under the three printed section titles', () => {
    expect(SECTIONS.map((s) => s.title)).toEqual([
      '一、基本信息',
      '二、社区满意度',
      '三、社区治理方面的建议和意见',
    ]);
    expect(QUESTIONS.map((q) => q.section)).toEqual([
      'basic',
      'basic',
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'satisfaction',
      'suggestions',
      'suggestions',
      'suggestions',
    ]);
  });

  it('marks 单选 questions 1–9 single, 多选 questions 10–11 multiple and 12 free text', () => {
    expect(QUESTIONS.map((q) => q.kind)).toEqual([
      ...Array(9).fill('single'),
      'multiple',
      'multiple',
      'text',
    ]);
  });
});

describe('the printed quirks, kept deliberately', () => {
  it("reads q10's printed lowercase `c.` as option C 电瓶车乱停乱放", () => {
    expect(option('q10', 'C').label).toBe('电瓶车乱停乱放');
  });

  it('q11 has no option E and keeps the printed letters A B C D F G', () => {
    expect(questionById('q11').options.map((o) => o.letter)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'F',
      'G',
    ]);
  });

  it('q10 H 其他 and q11 G 其他 take a text, and no other option does', () => {
    const takingText = QUESTIONS.flatMap((q) =>
      q.options.filter((o) => o.takesText).map((o) => `${q.id}${o.letter}`),
    );
    expect(takingText).toEqual(['q10H', 'q11G']);
  });

  it('q10 I 无 is the one exclusive option', () => {
    const exclusive = QUESTIONS.flatMap((q) =>
      q.options.filter((o) => o.exclusive).map((o) => `${q.id}${o.letter}`),
    );
    expect(exclusive).toEqual(['q10I']);
  });

  it('q12 is optional free text with a length limit; q1–q11 are required', () => {
    const q12 = questionById('q12');
    expect(q12.required).toBe(false);
    expect(q12.kind).toBe('text');
    expect(q12.maxLength).toBeGreaterThan(0);
    expect(QUESTIONS.filter((q) => q.required).map((q) => q.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });
});

describe('identity of the questionnaire', () => {
  it('is jiuting-2025 version 1, titled as 附件1 prints it', () => {
    expect(JIUTING_2025.id).toBe('jiuting-2025');
    expect(JIUTING_2025.version).toBe(1);
    expect(JIUTING_2025.title).toBe('九亭镇居民区群众满意度测评问卷');
    expect(CURRENT_QUESTIONNAIRE).toBe(JIUTING_2025);
  });

  it('questionById refuses an id that is not a question', () => {
    expect(() => questionById('q13' as QuestionId)).toThrow();
  });
});

describe('the printed title', () => {
  it('fills the blank with the community, saying 居民区 once however the name is given', () => {
    expect(questionnaireHeading('涞寅居民区')).toBe('九亭镇涞寅居民区群众满意度测评问卷');
    expect(questionnaireHeading('涞寅')).toBe('九亭镇涞寅居民区群众满意度测评问卷');
  });

  it('keeps the printed blank when no community is given', () => {
    expect(questionnaireHeading(null)).toBe('九亭镇____居民区群众满意度测评问卷');
    expect(questionnaireHeading('  ')).toBe('九亭镇____居民区群众满意度测评问卷');
  });
});
