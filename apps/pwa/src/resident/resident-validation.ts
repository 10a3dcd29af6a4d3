import { fieldIssues, SurveyResponseSchema } from '@jiuting/questionnaire';
import {
  errorsByField,
  type ResidentValidation,
  type ResidentValues,
  residentCandidate,
} from './resident-values.ts';

// Loaded by import() on the resident's first answer (ResidentForm): zod and the schemas are ~10 KB
// of the page, and the form is on screen and answerable without them.

/** The questionnaire package's schema decides; its Chinese messages go beside each field. */
export function validateResident(
  values: ResidentValues,
  communityCode: string,
  id: string,
  collectedAt: string,
): ResidentValidation {
  const result = SurveyResponseSchema.safeParse(
    residentCandidate(values, communityCode, id, collectedAt),
  );
  if (result.success) return { ok: true, response: result.data };
  return { ok: false, errors: errorsByField(fieldIssues(result.error)) };
}
