import { AREA_SEPARATOR } from '@jiuting/questionnaire';
import { z } from 'zod';
import { plain } from './text.ts';

// The household register (户册) of a community, and the review of 册外 responses.

export const OutsideParamsSchema = z.object({ code: z.string().max(32), id: z.string().max(64) });

/** POST /api/communities/:code/register/outside/:id: what a coordinator decides. */
export const OutsideActionSchema = z.discriminatedUnion('action', [
  // The address is a real household the 居委会 missed: it joins the register as 居住 and counts.
  z.strictObject({ action: z.literal('add') }),
  // A response stored before areas (未分区): the coordinator says which 小区/自然村 it is in, so
  // its key becomes `area·key`, the key the register and new responses use.
  z.strictObject({
    action: z.literal('area'),
    area: plain(
      z
        .string({ error: '请填写小区/自然村' })
        .trim()
        .min(1, '请填写小区/自然村')
        .max(30, '小区/自然村不能超过 30 个字')
        .refine((area) => !area.includes(AREA_SEPARATOR), '小区/自然村不能含“·”'),
      '小区/自然村',
    ),
  }),
  // The address is not a household of this community: the response is marked invalid.
  z.strictObject({
    action: z.literal('invalidate'),
    reason: plain(
      z
        .string({ error: '请填写标记无效的原因' })
        .trim()
        .min(1, '请填写标记无效的原因')
        .max(200, '原因不能超过 200 个字'),
      '原因',
    ),
  }),
]);

export const OutsideDecisionAnswerSchema = z.object({
  householdKey: z.string(),
  action: z.enum(['add', 'invalidate', 'area']),
});

export const OutsideResponseSchema = z.object({
  id: z.string(),
  householdKey: z.string(),
  channel: z.string(),
  collectedAt: z.string(),
  receivedAt: z.string(),
});
export type OutsideResponse = z.infer<typeof OutsideResponseSchema>;

/** POST /api/communities/:code/register/import. */
export const RegisterImportResultSchema = z.object({
  households: z.number(),
  added: z.number(),
  updated: z.number(),
  removed: z.number(),
  keptWithResponses: z.number(),
});
export type RegisterImportResult = z.infer<typeof RegisterImportResultSchema>;

/** GET /api/communities/:code/register. */
export const RegisterAnswerSchema = z.object({
  /** The assessment year whose responses the figures and the 册外 list are of. */
  year: z.number(),
  registered: z.boolean(),
  // NARROW_COVERAGE_RULE of @jiuting/questionnaire decides `narrow`.
  spread: z.object({
    buildings: z.number(),
    buildingShare: z.number(),
    busiestShare: z.number(),
    narrow: z.boolean(),
  }),
  buildings: z.array(
    z.object({
      area: z.string(),
      building: z.string(),
      households: z.number(),
      counted: z.number(),
    }),
  ),
  outside: z.array(OutsideResponseSchema),
  // Without a register: the valid 未分区 responses, and the areas other responses name.
  unassigned: z.array(OutsideResponseSchema),
  answeredAreas: z.array(z.string()),
  // The community's drawn sample (POST /api/communities/:code/sample), or null.
  sample: z
    .object({
      seed: z.number(),
      drawnAt: z.string(),
      frame: z.number(),
      size: z.number(),
      reserveSize: z.number(),
    })
    .nullable(),
});
export type RegisterAnswer = z.infer<typeof RegisterAnswerSchema>;
