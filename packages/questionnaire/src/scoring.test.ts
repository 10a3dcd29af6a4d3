import { describe, expect, it } from 'vitest';
import { optionPoints, type ScoredAnswers, scoreSurvey } from './scoring.ts';

const allBest: ScoredAnswers = { q3: 'A', q4: 'A', q5: 'D', q6: 'D', q7: 'D', q8: 'A', q9: 'A' };
const allWorst: ScoredAnswers = { q3: 'B', q4: 'E', q5: 'A', q6: 'A', q7: 'A', q8: 'D', q9: 'D' };

describe('scoreSurvey', () => {
  it('gives 100 to a response that chooses the best option everywhere', () => {
    expect(scoreSurvey(allBest).total).toBe(100);
  });

  it('gives 3 to the worst response, because q5 A (0 件) still earns 3 points', () => {
    expect(scoreSurvey(allWorst).total).toBe(3);
  });

  it('reports the points of each scored question beside the total', () => {
    const score = scoreSurvey({ q3: 'A', q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' });
    expect(score.byQuestion).toEqual({ q3: 10, q4: 6, q5: 7, q6: 10, q7: 5, q8: 12, q9: 6 });
    expect(score.total).toBe(56);
  });

  it('ignores the unscored questions of a full answer set', () => {
    const answers = { ...allBest, q1: 'B', q2: 'F', q10: ['I'], q11: ['A'], q12: '很好' };
    expect(scoreSurvey(answers).total).toBe(100);
  });

  it('throws on a letter the question does not print', () => {
    expect(() => scoreSurvey({ ...allBest, q4: 'F' })).toThrow(RangeError);
  });

  it('throws on a lowercase letter rather than guessing it means the capital', () => {
    expect(() => scoreSurvey({ ...allBest, q8: 'a' })).toThrow(RangeError);
  });

  it('throws when a scored question is missing', () => {
    const { q9: _missing, ...rest } = allBest;
    expect(() => scoreSurvey(rest as ScoredAnswers)).toThrow(RangeError);
  });
});

describe('optionPoints', () => {
  it('returns the printed points of one option', () => {
    expect(optionPoints('q5', 'C')).toBe(11);
  });

  it('throws on q3 C, which 附件1 does not print', () => {
    expect(() => optionPoints('q3', 'C')).toThrow(RangeError);
  });
});
