import { shanghaiDay } from '@jiuting/questionnaire';

/**
 * The assessment year a visit outcome belongs to. Provisional rule: the Shanghai calendar year
 * it was collected in. Kept in this one function so the year rule of issue 18 (by questionnaire
 * version and the year's collection window) replaces it in one place.
 */
export function assessmentYearOf(collectedAt: string): number {
  return Number(shanghaiDay(collectedAt).slice(0, 4));
}
