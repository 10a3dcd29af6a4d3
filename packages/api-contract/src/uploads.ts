import { z } from 'zod';

// How the app uploads a table: the file's own bytes, base64 in JSON with its name, so a GBK CSV
// or an .xlsx reaches the server as the 居委会's computer saved it. `csv` (the text itself,
// UTF-8) stays for scripts and older callers.

/** The most CSV text an import takes (27 communities need a few kilobytes). */
export const CSV_MAX_LENGTH = 200_000;

/** The largest file an upload takes, in bytes; base64 makes the body a third larger. */
export const TABLE_FILE_MAX_BYTES = 12 * 1024 * 1024;

/** Each line's cells are checked by the import itself, which names the line. */
export const CsvTextSchema = z
  .string({ error: '请提供 CSV 文本' })
  .min(1, 'CSV 为空')
  .max(CSV_MAX_LENGTH, `CSV 不能超过 ${CSV_MAX_LENGTH} 个字符`);

export const TableFileSchema = z.strictObject({
  name: z.string({ error: '请提供文件名' }).min(1, '请提供文件名').max(255, '文件名过长'),
  base64: z
    .string({ error: '请提供文件内容' })
    .min(1, '文件为空')
    .max(Math.ceil((TABLE_FILE_MAX_BYTES * 4) / 3), '文件过大')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 base64 编码'),
});

/** Every table import's body: a file, or CSV text. */
export const TableUploadSchema = z
  .object({ csv: CsvTextSchema.optional(), file: TableFileSchema.optional() })
  .refine((body) => (body.csv === undefined) !== (body.file === undefined), {
    message: '请上传一个文件（.xlsx 或 CSV）',
  })
  .meta({ id: 'TableUpload' });
export type TableUpload = z.infer<typeof TableUploadSchema>;

/**
 * A file answer (.xlsx, CSV): bytes, which JSON Schema cannot describe (the OpenAPI document
 * shows it as any). The route sends the stream itself.
 */
export const FileAnswerSchema = z.custom<unknown>().meta({ id: 'File' });
