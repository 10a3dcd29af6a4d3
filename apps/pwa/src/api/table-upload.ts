// Uploads of the town's tables (community list, 12345 figures, household register) send the
// file's own bytes, base64 in JSON with its name: a GBK CSV or an .xlsx is decoded by the server,
// never by the browser, so what Chinese Excel saved arrives unchanged. Pasted text goes as `csv`.

export interface UploadedFile {
  readonly name: string;
  readonly base64: string;
}

export type TableUploadBody = { csv: string } | { file: UploadedFile };

/** What the file inputs accept: CSV (UTF-8 or GBK) and .xlsx. */
export const TABLE_FILE_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Base64 of bytes, in chunks so a large file does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function uploadedFile(file: Blob & { readonly name: string }): Promise<UploadedFile> {
  return { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}
