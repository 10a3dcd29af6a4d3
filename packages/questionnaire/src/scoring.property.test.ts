import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionById, SCORED_QUESTION_IDS } from './questionnaire.ts';
import { optionPoints, type ScoredAnswers, scoreSurvey } from './scoring.ts';

const lettersOf = (id: (typeof SCORED_QUESTION_IDS)[number]) =>
  questionById(id).options.map((o) => o.letter);

const scoredAnswers: fc.Arbitrary<ScoredAnswers> = fc.record({
  q3: fc.constantFrom(...lettersOf('q3')),
  q4: fc.constantFrom(...lettersOf('q4')),
  q5: fc.constantFrom(...lettersOf('q5')),
  q6: fc.constantFrom(...lettersOf('q6')),
  q7: fc.constantFrom(...lettersOf('q7')),
  q8: fc.constantFrom(...lettersOf('q8')),
  q9: fc.constantFrom(...lettersOf('q9')),
});

describe('scoreSurvey, for every valid answer set', () => {
  it('scores a whole number between 0 and 100', () => {
    fc.assert(
      fc.property(scoredAnswers, (answers) => {
        const { total } = scoreSurvey(answers);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('equals the sum of its parts', () => {
    fc.assert(
      fc.property(scoredAnswers, (answers) => {
        const score = scoreSurvey(answers);
        const parts = Object.values(score.byQuestion).reduce((s, p) => s + p, 0);
        expect(score.total).toBe(parts);
        for (const id of SCORED_QUESTION_IDS) {
          expect(score.byQuestion[id]).toBe(optionPoints(id, answers[id]));
        }
      }),
    );
  });

  it('never gives a question more than its printed total', () => {
    fc.assert(
      fc.property(scoredAnswers, (answers) => {
        const { byQuestion } = scoreSurvey(answers);
        for (const id of SCORED_QUESTION_IDS) {
          expect(byQuestion[id]).toBeLessThanOrEqual(questionById(id).maxPoints ?? 0);
        }
      }),
    );
  });

  it('throws whenever one scored answer is a letter its question does not print', () => {
    fc.assert(
      fc.property(
        scoredAnswers,
        fc.constantFrom(...SCORED_QUESTION_IDS),
        fc.string({ maxLength: 3 }),
        (answers, id, letter) => {
          fc.pre(!lettersOf(id).includes(letter));
          expect(() => scoreSurvey({ ...answers, [id]: letter })).toThrow(RangeError);
        },
      ),
    );
  });
});
