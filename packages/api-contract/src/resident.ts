import { z } from 'zod';

// The residents' QR page: no login, one community per link.

export const TokenParamsSchema = z.object({ token: z.string().max(64) });

/** GET /api/public/q/:token. */
export const ResidentLinkSchema = z.object({
  community: z.object({ code: z.string(), name: z.string() }),
  questionnaire: z.object({ id: z.string(), version: z.number() }),
  /** The open year and the questionnaire version it collects with. */
  assessmentYear: z.number(),
  questionnaireVersion: z.number(),
});
export type ResidentLinkAnswer = z.infer<typeof ResidentLinkSchema>;

/** POST /api/public/q/:token/responses: received (never whether the household was a repeat). */
export const ResidentReceiptSchema = z.object({
  id: z.string(),
  status: z.enum(['accepted', 'duplicate']),
});
export type ResidentReceipt = z.infer<typeof ResidentReceiptSchema>;
