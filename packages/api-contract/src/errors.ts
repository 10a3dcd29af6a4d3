import { z } from 'zod';

/** A field the server refused, and why (Chinese). */
export const FieldIssueSchema = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: 'FieldIssue' });

/** Every error, from any route: a stable code from the server's one catalogue and a Chinese message. */
export const ErrorBodySchema = z
  .object({
    error: z.string(),
    message: z.string(),
    /** Only on validation errors: each refused field. */
    issues: z.array(FieldIssueSchema).optional(),
  })
  .meta({ id: 'ApiErrorBody' });
export type ApiErrorBody = z.infer<typeof ErrorBodySchema>;
