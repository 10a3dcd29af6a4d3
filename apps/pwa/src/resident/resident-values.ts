import type { SurveyResponse } from '@jiuting/questionnaire';
import {
  emptySurveyValues,
  type SurveyFormValues,
  toSurveyCandidate,
} from '../survey/survey-values.ts';

// What a resident types: the canvasser's form values without the community (fixed by the QR
// link) or the channel (always `qr`). The candidate is built by the same translation the
// canvassers' form uses, so both send byte-for-byte the same shape.

export type ResidentValues = Pick<
  SurveyFormValues,
  | 'area'
  | 'road'
  | 'lane'
  | 'building'
  | 'unit'
  | 'room'
  | 'answers'
  | 'paradata'
  // The edition the form was filled in; absent until the page knows the link's.
  | 'questionnaireVersion'
>;

/** The address boxes of the resident page, in the order they are shown. */
export type ResidentAddressField = 'area' | 'road' | 'lane' | 'building' | 'unit' | 'room';

export function emptyResidentValues(): ResidentValues {
  const { area, road, lane, building, unit, room, answers, paradata } = emptySurveyValues();
  return { area, road, lane, building, unit, room, answers, paradata };
}

export type FieldErrors = Record<string, string>;

export type ResidentValidation =
  | { readonly ok: true; readonly response: SurveyResponse }
  | { readonly ok: false; readonly errors: FieldErrors };

export function residentCandidate(
  values: ResidentValues,
  communityCode: string,
  id: string,
  collectedAt: string,
): Record<string, unknown> {
  const candidate = toSurveyCandidate(
    { ...values, communityCode, channel: '' },
    id,
    collectedAt,
  ) as Record<string, unknown>;
  return { ...candidate, channel: 'qr' };
}

/** Schema path (ours or the server's) → the field a message is shown beside. */
export function fieldOf(path: string): string {
  if (path === 'householdAddress') return 'address';
  if (path.startsWith('answers.')) return path.slice('answers.'.length);
  return '';
}

/** First message per field; '' holds what belongs to no field. */
export function errorsByField(
  issues: ReadonlyArray<{ path: string; message: string }>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}
