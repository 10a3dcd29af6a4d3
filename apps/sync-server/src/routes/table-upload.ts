import type { TableUpload } from '@jiuting/api-contract';
import { readCsvText, readTableFile, type TableRowsResult } from '../tables/table-file.ts';

export { TABLE_FILE_MAX_BYTES, type TableUpload, TableUploadSchema } from '@jiuting/api-contract';

// How the app uploads a table: the file's own bytes, base64 in JSON with its name, so a GBK CSV
// or an .xlsx reaches the server as the 居委会's computer saved it and is decoded here, in one
// place (table-file.ts). The body's schema is the contract's (TableUploadSchema).

/** A body limit for an upload of files up to `maxBytes`: base64 plus the JSON around it. */
export function uploadBodyLimit(maxBytes: number): number {
  return Math.ceil((maxBytes * 4) / 3) + 64 * 1024;
}

/** The rows of an upload, each with its line in the file. Async: an .xlsx is unzipped. */
export function uploadedRows(body: TableUpload): Promise<TableRowsResult> {
  if (body.file) {
    const bytes = new Uint8Array(Buffer.from(body.file.base64, 'base64'));
    return readTableFile({ name: body.file.name, bytes });
  }
  return Promise.resolve(readCsvText(body.csv ?? ''));
}
