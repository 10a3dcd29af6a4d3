import { z } from 'zod';

/** GET /api/ping: the server is up, and its clock. */
export const PingAnswerSchema = z.object({ ok: z.literal(true), time: z.string() });

/** GET /api/health (200, or 503 when the server cannot store what phones send). */
export const HealthReportSchema = z
  .object({
    status: z.enum(['ok', 'warning', 'failing']),
    database: z.object({ writable: z.boolean() }),
    disk: z.object({ freeBytes: z.number().nullable(), low: z.boolean() }),
    backup: z.object({
      lastAt: z.string().nullable(),
      ageHours: z.number().nullable(),
      stale: z.boolean(),
    }),
    publicUrl: z.object({
      url: z.string().nullable(),
      problem: z.enum(['missing', 'http', 'localhost']).nullable(),
    }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'HealthReport' });
export type HealthReportAnswer = z.infer<typeof HealthReportSchema>;
