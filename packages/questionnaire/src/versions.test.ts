import { describe, expect, it } from 'vitest';
import {
  CURRENT_QUESTIONNAIRE,
  findQuestionnaire,
  JIUTING_2025,
  JIUTING_2026_EXAMPLE,
  QUESTIONNAIRE_VERSIONS,
  questionById,
  questionnaireOrCurrent,
  SCORED_QUESTION_IDS,
} from './questionnaire.ts';
import {
  fieldIssues,
  type SurveyAnswers,
  type SurveyResponse,
  SurveyResponseSchema,
  SyncItemSchema,
  surveyAnswersSchemaFor,
} from './schemas.ts';
import { scoreResponse, scoreSurvey } from './scoring.ts';

const answers: SurveyAnswers = {
  q1: 'A',
  q2: 'C',
  q3: 'A',
  q4: 'C',
  q5: 'C',
  q6: 'D',
  q7: 'C',
  q8: 'B',
  q9: 'A',
  q10: ['A', 'C'],
  q11: ['F'],
};

const item = (questionnaireVersion: number): SurveyResponse => ({
  kind: 'survey',
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  questionnaireId: 'jiuting-2025',
  questionnaireVersion,
  communityCode: 'JT-07',
  householdAddress: '12号楼301室',
  channel: 'door',
  collectedAt: '2026-03-01T09:30:00+08:00',
  answers,
});

describe('the questionnaire editions', () => {
  it('keeps 附件1 (2025, version 1) as the edition forms use, and the example out of it', () => {
    expect(CURRENT_QUESTIONNAIRE).toBe(JIUTING_2025);
    expect(JIUTING_2025.example).toBeUndefined();
    expect(JIUTING_2026_EXAMPLE.example).toBe(true);
    expect(QUESTIONNAIRE_VERSIONS.map((q) => q.version)).toEqual([1, 2]);
  });

  it('gives every edition a distinct version, the scored questions q3–q9 and 100 points', () => {
    expect(new Set(QUESTIONNAIRE_VERSIONS.map((q) => q.version)).size).toBe(
      QUESTIONNAIRE_VERSIONS.length,
    );
    for (const questionnaire of QUESTIONNAIRE_VERSIONS) {
      const scored = questionnaire.questions.filter((q) => q.maxPoints !== undefined);
      expect(scored.map((q) => q.id)).toEqual([...SCORED_QUESTION_IDS]);
      expect(scored.reduce((sum, q) => sum + (q.maxPoints ?? 0), 0)).toBe(100);
      for (const q of scored) {
        expect(Math.max(...q.options.map((o) => o.points ?? 0))).toBe(q.maxPoints);
      }
    }
  });

  it('changes exactly one option in the 2026 example: q4 C, its label and points', () => {
    const changed = JIUTING_2026_EXAMPLE.questions.flatMap((q) =>
      q.options
        .filter((o, i) => JSON.stringify(o) !== JSON.stringify(questionById(q.id).options[i]))
        .map((o) => `${q.id} ${o.letter}`),
    );
    expect(changed).toEqual(['q4 C']);
    expect(questionById('q4', JIUTING_2026_EXAMPLE).options[2]).toMatchObject({
      letter: 'C',
      label: '半年一次（含电话、微信联系）',
      points: 8,
    });
    // 附件1 itself is untouched by the example derived from it.
    expect(questionById('q4').options[2]).toMatchObject({ label: '半年一次', points: 6 });
  });

  it('finds an edition by its version, and falls back to the current one only for display', () => {
    expect(findQuestionnaire(2)).toBe(JIUTING_2026_EXAMPLE);
    expect(findQuestionnaire(99)).toBeUndefined();
    expect(findQuestionnaire('1')).toBeUndefined();
    expect(questionnaireOrCurrent(2)).toBe(JIUTING_2026_EXAMPLE);
    expect(questionnaireOrCurrent(undefined)).toBe(JIUTING_2025);
    expect(questionnaireOrCurrent(99)).toBe(JIUTING_2025);
  });
});

describe('an item is checked and scored by its own edition', () => {
  it('scores q4 C by the edition that asked it: 6 points in 2025, 8 in the 2026 example', () => {
    expect(scoreSurvey(answers).byQuestion.q4).toBe(6);
    expect(scoreSurvey(answers, JIUTING_2025).total).toBe(scoreSurvey(answers).total);
    expect(scoreSurvey(answers, JIUTING_2026_EXAMPLE).byQuestion.q4).toBe(8);
    expect(scoreSurvey(answers, JIUTING_2026_EXAMPLE).total).toBe(scoreSurvey(answers).total + 2);
  });

  it('scores a response by the version it names, and refuses to guess an unknown one', () => {
    expect(scoreResponse(item(1)).byQuestion.q4).toBe(6);
    expect(scoreResponse(item(2)).byQuestion.q4).toBe(8);
    expect(() => scoreResponse(item(99))).toThrow(RangeError);
  });

  it('accepts an item of the new edition and one of the older edition, unchanged', () => {
    for (const version of [1, 2]) {
      expect(SurveyResponseSchema.parse(item(version))).toStrictEqual(item(version));
      expect(SyncItemSchema.parse(item(version))).toStrictEqual(item(version));
    }
  });

  it('refuses a version no edition has, in Chinese, naming the field', () => {
    const result = SurveyResponseSchema.safeParse(item(3));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldIssues(result.error)).toEqual([
      { path: 'questionnaireVersion', message: '未知的问卷版本' },
    ]);
  });

  it('checks the answers of a new edition by that edition, naming the answer field', () => {
    const wrong = { ...item(2), answers: { ...answers, q4: 'F', q10: ['H'] } };
    const result = SyncItemSchema.safeParse(wrong);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldIssues(result.error)).toEqual([
      { path: 'answers.q4', message: '第4题没有选项“F”' },
      { path: 'answers.q10Other', message: '请填写第10题“其他”的内容' },
    ]);
  });

  it('reports the envelope and the answers together', () => {
    const result = SurveyResponseSchema.safeParse({
      ...item(2),
      channel: 'wechat',
      answers: { ...answers, q8: 'E' },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldIssues(result.error).map((i) => i.path)).toEqual(['channel', 'answers.q8']);
  });

  it('builds one answers schema per edition, the same object on each call', () => {
    expect(surveyAnswersSchemaFor(JIUTING_2026_EXAMPLE)).toBe(
      surveyAnswersSchemaFor(JIUTING_2026_EXAMPLE),
    );
    expect(surveyAnswersSchemaFor(JIUTING_2026_EXAMPLE).safeParse(answers).success).toBe(true);
  });
});
