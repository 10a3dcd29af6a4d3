import { MAX_SAMPLE_SEED } from '@jiuting/questionnaire';
import { z } from 'zod';

// The canvassers' visit list and a community's sample.

/** The server's state of a household (contract 11 §2). */
export const VisitStateSchema = z.enum([
  'unvisited',
  'counted',
  'resident_qr',
  'not_home',
  'refused',
  'vacant',
]);

export type ServerVisitState = z.infer<typeof VisitStateSchema>;

export const SampleSummarySchema = z.object({
  drawnAt: z.string(),
  seed: z.number(),
  size: z.number(),
  reserveSize: z.number(),
});

/** A household of the list, with what the server knows of it. */
export const ListedHouseholdSchema = z.object({
  key: z.string(),
  area: z.string(),
  // As register_households stores them: `building` carries 组 and 弄 as the key prints them
  // (`100弄12号`, `3组25号`); `lane` repeats the 弄 number; unit and room are bare numbers.
  road: z.string(),
  lane: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  address: z.string(),
  status: z.enum(['居住', '空置', '非住宅']),
  state: VisitStateSchema,
  lastVisitAt: z.string().nullable(),
  sample: z.object({ list: z.enum(['sample', 'reserve']), rank: z.number() }).nullable(),
});
export type ListedHousehold = z.infer<typeof ListedHouseholdSchema>;

/** GET /api/communities/:code/visit-list (the phone stores it as it came). */
export const VisitListSchema = z.object({
  communityCode: z.string(),
  generatedAt: z.string(),
  /** false: the community has no 户册, and `households` is empty. */
  registered: z.boolean(),
  sample: SampleSummarySchema.nullable(),
  households: z.array(ListedHouseholdSchema),
});
export type VisitList = z.infer<typeof VisitListSchema>;

/** POST /api/communities/:code/sample: a seed to redo a known draw, or none for a new one. */
export const SampleDrawBodySchema = z
  .strictObject({
    seed: z
      .int({ error: '随机种子应为整数' })
      .min(0, '随机种子应为 0 到 2147483647 之间的整数')
      .max(MAX_SAMPLE_SEED, '随机种子应为 0 到 2147483647 之间的整数')
      .optional(),
  })
  .optional();

export const SampleDrawSchema = z.object({
  communityCode: z.string(),
  seed: z.number(),
  drawnAt: z.string(),
  /** 居住 households of the register the sample was drawn from. */
  frame: z.number(),
  size: z.number(),
  reserveSize: z.number(),
  /** The seed of the sample this draw replaced, or null for the community's first. */
  replacedSeed: z.number().nullable(),
  strata: z.array(
    z.object({
      area: z.string(),
      building: z.string(),
      households: z.number(),
      sample: z.number(),
      reserve: z.number(),
    }),
  ),
});
export type SampleDraw = z.infer<typeof SampleDrawSchema>;
