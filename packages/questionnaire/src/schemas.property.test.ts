import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionById } from './questionnaire.ts';
import { fieldIssues, type SurveyAnswers, SurveyAnswersSchema } from './schemas.ts';

const base: SurveyAnswers = {
  q1: 'B',
  q2: 'F',
  q3: 'B',
  q4: 'E',
  q5: 'A',
  q6: 'A',
  q7: 'A',
  q8: 'D',
  q9: 'D',
  q10: ['I'],
  q11: ['A'],
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const q10Letters = questionById('q10').options.map((o) => o.letter);
const otherThanNone = q10Letters.filter((l) => l !== 'I');

/** Any q10 choice that contains I and at least one other distinct letter, in any order. */
const noneWithOthers = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...otherThanNone), { minLength: 1 }),
    fc.nat({ max: otherThanNone.length }),
  )
  .map(([others, at]) => [...others.slice(0, at), 'I', ...others.slice(at)]);

/** Answers with a q10Other text exactly when H is chosen, so only the I rule can refuse them. */
const withText = (q10: string[]): SurveyAnswers =>
  q10.includes('H') ? { ...base, q10, q10Other: '其他问题' } : { ...base, q10 };

describe('q10 I 无 never combines', () => {
  it('refuses any q10 that holds I and another letter, naming q10', () => {
    fc.assert(
      fc.property(noneWithOthers, (q10) => {
        const result = SurveyAnswersSchema.safeParse(withText(q10));
        expect(result.success).toBe(false);
        if (!result.success) {
          expect(fieldIssues(result.error)).toContainEqual({
            path: 'q10',
            message: '第10题选了“I. 无”就不能再选其他项',
          });
        }
      }),
    );
  });

  it('accepts I alone', () => {
    expect(SurveyAnswersSchema.safeParse({ ...base, q10: ['I'] }).success).toBe(true);
  });

  it('accepts any set of distinct letters without I', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...otherThanNone), { minLength: 1 }), (q10) => {
        const input = withText(q10);
        expect(SurveyAnswersSchema.parse(clone(input))).toStrictEqual(input);
      }),
    );
  });
});
