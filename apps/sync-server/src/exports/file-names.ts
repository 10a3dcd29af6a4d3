import { formatBeijing } from './time.ts';
import type { SheetName } from './types.ts';

/** `九亭镇满意度测评_20261127-1830.xlsx`, or `…_汇总_….csv` for one sheet, in Beijing time. */
export function exportFileName(what: 'xlsx' | SheetName, generatedAt: Date): string {
  const stamp = formatBeijing(generatedAt.toISOString())
    .slice(0, 16)
    .replace(/[-:]/g, '')
    .replace(' ', '-');
  return what === 'xlsx'
    ? `九亭镇满意度测评_${stamp}.xlsx`
    : `九亭镇满意度测评_${what}_${stamp}.csv`;
}

/** A Content-Disposition header for a Chinese file name (RFC 6266 / RFC 5987), with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.'));
  return `attachment; filename="jiuting-export${extension}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
