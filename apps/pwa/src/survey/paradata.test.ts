import { describe, expect, it } from 'vitest';
import { isAnswerChange, NO_PARADATA, noteAnswer, paradataOf } from './paradata.ts';

describe('paradata of a questionnaire being filled', () => {
  it('starts the clock at the first answer and keeps it there', () => {
    const first = noteAnswer(NO_PARADATA, '', 'A', '2025-11-20T02:00:00.000Z');
    const later = noteAnswer(first, '', 'B', '2025-11-20T02:05:00.000Z');
    expect(later).toEqual({ startedAt: '2025-11-20T02:00:00.000Z', answerChanges: 0 });
  });

  it('counts a single choice replaced and a ticked box taken back, not a box added', () => {
    expect(isAnswerChange('A', 'B')).toBe(true);
    expect(isAnswerChange('', 'B')).toBe(false);
    expect(isAnswerChange('A', 'A')).toBe(false);
    expect(isAnswerChange(['A'], ['A', 'C'])).toBe(false);
    expect(isAnswerChange(['A', 'C'], ['C'])).toBe(true);
    expect(isAnswerChange([], ['I'])).toBe(false);
    const changed = noteAnswer(
      { startedAt: '2025-11-20T02:00:00.000Z', answerChanges: 1 },
      'A',
      'D',
      'x',
    );
    expect(changed.answerChanges).toBe(2);
  });

  it('sends nothing for a draft with no answer yet, or one saved before paradata existed', () => {
    expect(paradataOf(NO_PARADATA)).toBeUndefined();
    expect(paradataOf(undefined)).toBeUndefined();
    expect(paradataOf({ startedAt: '2025-11-20T02:00:00.000Z', answerChanges: 3 })).toEqual({
      startedAt: '2025-11-20T02:00:00.000Z',
      answerChanges: 3,
    });
  });
});
