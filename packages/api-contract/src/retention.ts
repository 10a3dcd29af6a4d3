import { z } from 'zod';
import { plain } from './text.ts';

/** A year as the retention rule sees it. */
export const RetentionYearSchema = z
  .object({
    year: z.number(),
    state: z.enum(['open', 'locked']),
    lockedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    due: z.boolean(),
    rawDeletedAt: z.string().nullable(),
    responses: z.number(),
    interviewsWithText: z.number(),
  })
  .meta({ id: 'RetentionYear' });
export type RetentionYear = z.infer<typeof RetentionYearSchema>;

/** GET /api/retention: the dry run. */
export const RetentionPlanSchema = z.object({
  retentionYears: z.number(),
  checkedAt: z.string(),
  years: z.array(RetentionYearSchema),
  backups: z.array(z.string()),
});
export type RetentionPlan = z.infer<typeof RetentionPlanSchema>;

/**
 * POST /api/retention/apply's body. Deleting is for good: the coordinator types the due years the
 * dry run showed, so a click alone never deletes, and a year that fell due since the dry run is
 * not deleted unseen.
 */
export const RetentionConfirmSchema = z.object(
  {
    confirm: plain(
      z
        .string({ error: '请输入将删除原始答卷的年度以确认（如 2025）' })
        .trim()
        .max(200, '确认内容不能超过 200 个字'),
      '确认内容',
    ),
  },
  { error: '请输入将删除原始答卷的年度以确认（如 2025）' },
);
export type RetentionConfirm = z.infer<typeof RetentionConfirmSchema>;

/** POST /api/retention/apply: the plan, what was deleted, and the backup made first. */
export const RetentionAppliedSchema = RetentionPlanSchema.extend({
  deleted: z.array(z.object({ year: z.number(), responses: z.number(), interviews: z.number() })),
  backup: z.string().nullable(),
});
export type RetentionApplied = z.infer<typeof RetentionAppliedSchema>;
