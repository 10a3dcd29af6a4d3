import { z } from 'zod';

// Request and response schemas of the visit routes (to move into the api-contract package).

export const CommunityParamsSchema = z.object({ code: z.string().max(32) });

export const VisitStateSchema = z.enum([
  'unvisited',
  'counted',
  'resident_qr',
  'not_home',
  'refused',
  'vacant',
]);

export const SampleSummarySchema = z.object({
  drawnAt: z.string(),
  seed: z.number(),
  size: z.number(),
  reserveSize: z.number(),
});

export const VisitListSchema = z.object({
  communityCode: z.string(),
  generatedAt: z.string(),
  /** false: the community has no 户册, and `households` is empty. */
  registered: z.boolean(),
  sample: SampleSummarySchema.nullable(),
  households: z.array(
    z.object({
      key: z.string(),
      area: z.string(),
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
    }),
  ),
});
export type VisitList = z.infer<typeof VisitListSchema>;
