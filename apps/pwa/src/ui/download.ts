import { CLIENT_HEADER } from '../api/client.ts';

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // A malformed name: fall through to the plain one.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

export type DownloadResult = { ok: true; fileName: string } | { ok: false; message: string };

/**
 * Fetches an export and hands it to the browser as a download. Fetching (rather than a plain
 * link) lets a refusal show its Chinese message on the page instead of saving a JSON file.
 */
export async function downloadExport(
  path: string,
  fallbackName: string,
  fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetcher(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { [CLIENT_HEADER]: '1' },
    });
  } catch {
    return { ok: false, message: '无法连接服务器，请检查网络后重试' };
  }
  if (!response.ok) {
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string') return { ok: false, message: body.message };
    } catch {
      // Not JSON: the generic sentence below.
    }
    return { ok: false, message: `导出失败（${response.status}），请稍后重试` };
  }
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // A big CSV is sent while the server still writes it: the connection drops when the export
    // fails part way (or the network does), and nothing half-made is saved.
    return { ok: false, message: '下载中断，文件未保存，请重试' };
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, fileName };
}
