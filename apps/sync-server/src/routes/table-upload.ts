import { z } from 'zod';
import { readCsvText, readTableFile, type TableRowsResult } from '../tables/table-file.ts';
import { CsvTextSchema } from './schemas.ts';

// How the app uploads a table: the file's own bytes, base64 in JSON with its name, so a GBK CSV
// or an .xlsx reaches the server as the 居委会's computer saved it and is decoded here, in one
// place (table-file.ts). `csv` (the text itself, UTF-8) stays for scripts and older callers.

/** The largest file an upload takes, in bytes; base64 makes the body a third larger. */
export const TABLE_FILE_MAX_BYTES = 12 * 1024 * 1024;

/** A body limit for an upload of files up to `maxBytes`: base64 plus the JSON around it. */
export function uploadBodyLimit(maxBytes: number): number {
  return Math.ceil((maxBytes * 4) / 3) + 64 * 1024;
}

export const TableFileSchema = z.strictObject({
  name: z.string({ error: '请提供文件名' }).min(1, '请提供文件名').max(255, '文件名过长'),
  base64: z
    .string({ error: '请提供文件内容' })
    .min(1, '文件为空')
    .max(Math.ceil((TABLE_FILE_MAX_BYTES * 4) / 3), '文件过大')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 base64 编码'),
});

export const TableUploadSchema = z
  .object({ csv: CsvTextSchema.optional(), file: TableFileSchema.optional() })
  .refine((body) => (body.csv === undefined) !== (body.file === undefined), {
    message: '请上传一个文件（.xlsx 或 CSV）',
  });
export type TableUpload = z.infer<typeof TableUploadSchema>;

/** The rows of an upload, each with its line in the file. Async: an .xlsx is unzipped. */
export function uploadedRows(body: TableUpload): Promise<TableRowsResult> {
  if (body.file) {
    const bytes = new Uint8Array(Buffer.from(body.file.base64, 'base64'));
    return readTableFile({ name: body.file.name, bytes });
  }
  return Promise.resolve(readCsvText(body.csv ?? ''));
}
