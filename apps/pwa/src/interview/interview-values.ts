import { fieldIssues, type InterviewRecord, InterviewRecordSchema } from '@jiuting/questionnaire';
import type { FieldErrors } from '../survey/survey-values.ts';

export interface InterviewFormValues {
  communityCode: string;
  // react-hook-form reads a radio group with nothing checked as null (and a draft keeps it so).
  group: string | null;
  method: string | null;
  date: string;
  view: string | null;
  needs: string;
  problems: string;
  notes: string;
}

/** Today's date on the phone's calendar (not UTC: an interview at 07:00 in Shanghai is today). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyInterviewValues(communityCode = '', now = new Date()): InterviewFormValues {
  return {
    communityCode,
    group: '',
    method: '',
    date: localDate(now),
    view: '',
    needs: '',
    problems: '',
    notes: '',
  };
}

export function toInterviewCandidate(
  values: InterviewFormValues,
  id: string,
  collectedAt: string,
): unknown {
  const candidate: Record<string, unknown> = {
    kind: 'interview',
    id,
    communityCode: values.communityCode,
    collectedAt,
  };
  for (const key of ['group', 'method', 'date', 'view', 'needs', 'problems', 'notes'] as const) {
    const value: unknown = values[key];
    if (typeof value === 'string' && value.trim() !== '') candidate[key] = value;
  }
  return candidate;
}

export type InterviewValidation =
  | { readonly ok: true; readonly record: InterviewRecord }
  | { readonly ok: false; readonly errors: FieldErrors };

export function validateInterview(
  values: InterviewFormValues,
  id: string,
  collectedAt: string,
): InterviewValidation {
  const result = InterviewRecordSchema.safeParse(toInterviewCandidate(values, id, collectedAt));
  if (result.success) return { ok: true, record: result.data };
  const errors: FieldErrors = {};
  for (const issue of fieldIssues(result.error)) {
    if (errors[issue.path] !== undefined) continue;
    errors[issue.path] =
      issue.path === 'communityCode' && values.communityCode === ''
        ? '请选择居民区'
        : issue.path === 'date' && values.date === ''
          ? '请填写访谈日期'
          : issue.message;
  }
  return { ok: false, errors };
}
