import { z } from 'zod';
import './locale.ts';
// schemas.ts puts VisitOutcomeSchema in SyncItemSchema's union (through z.lazy), so the two
// files import each other. The shared field schemas are read through getters (zod 4's way to
// refer to a schema defined later): when a visit is parsed, not while the modules load, so
// either file may be imported first.
import { CommunityCodeSchema, HouseholdAddressSchema, SurveyResponseSchema } from './schemas.ts';

/** What a canvasser found at a household's door when no survey was filled. */
export const VISIT_OUTCOMES = [
  { id: 'not_home', label: '不在家' },
  { id: 'refused', label: '拒访' },
  { id: 'vacant', label: '空置' },
] as const;
export type VisitOutcomeId = (typeof VISIT_OUTCOMES)[number]['id'];
export const VISIT_OUTCOME_IDS = VISIT_OUTCOMES.map((o) => o.id) as [
  VisitOutcomeId,
  ...VisitOutcomeId[],
];

/** The Chinese label of an outcome id (the id itself for one this version does not know). */
export function visitOutcomeLabel(id: string): string {
  return VISIT_OUTCOMES.find((o) => o.id === id)?.label ?? id;
}

/**
 * A visit that ended without a survey: 不在家, 拒访 or 空置. A sync item of its own kind, sent
 * and retried like a survey (its client-made id makes a resend a duplicate). It never counts
 * toward coverage. No free text and no field for a person: only where and what was found.
 */
export const VisitOutcomeSchema = z.strictObject({
  kind: z.literal('visit'),
  get id() {
    return SurveyResponseSchema.shape.id;
  },
  get communityCode() {
    return CommunityCodeSchema;
  },
  get householdAddress() {
    return HouseholdAddressSchema;
  },
  outcome: z.enum(VISIT_OUTCOME_IDS, { error: '请选择走访结果（不在家、拒访或空置）' }),
  get collectedAt() {
    return SurveyResponseSchema.shape.collectedAt;
  },
});
export type VisitOutcome = z.infer<typeof VisitOutcomeSchema>;
