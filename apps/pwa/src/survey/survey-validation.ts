import { fieldIssues, SurveyResponseSchema } from '@jiuting/questionnaire';
import {
  type FieldErrors,
  type SurveyFormValues,
  type SurveyValidation,
  toSurveyCandidate,
} from './survey-values.ts';

// Apart from survey-values.ts, so a page that only shows the form (the residents' page, until
// its first answer) does not download zod and the schemas with it.

/** Schema path → the form field a message is shown beside. */
function formPath(path: string): string {
  if (path === 'householdAddress') return 'address';
  return path;
}

export function validateSurvey(
  values: SurveyFormValues,
  id: string,
  collectedAt: string,
): SurveyValidation {
  const result = SurveyResponseSchema.safeParse(toSurveyCandidate(values, id, collectedAt));
  if (result.success) return { ok: true, response: result.data };
  const errors: FieldErrors = {};
  for (const issue of fieldIssues(result.error)) {
    const path = formPath(issue.path);
    if (errors[path] !== undefined) continue;
    if (path === 'channel' && !values.channel) errors[path] = '请选择采集方式';
    else if (path === 'communityCode' && values.communityCode === '') errors[path] = '请选择居民区';
    else errors[path] = issue.message;
  }
  return { ok: false, errors };
}
