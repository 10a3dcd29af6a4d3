import { z } from 'zod';

/** GET /api/exports/:file: `assessment.xlsx`, or a sheet's CSV by its name or ASCII alias. */
export const ExportFileParamsSchema = z.object({ file: z.string().max(40) });
