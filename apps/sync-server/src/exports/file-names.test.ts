import { describe, expect, it } from 'vitest';
import { contentDisposition, exportFileName } from './file-names.ts';

const AT = new Date('2026-11-27T10:30:00Z');

describe('exportFileName', () => {
  it('names the workbook and each CSV by the Beijing time it was made', () => {
    expect(exportFileName('xlsx', AT)).toBe('九亭镇满意度测评_20261127-1830.xlsx');
    expect(exportFileName('问题与建议', AT)).toBe('九亭镇满意度测评_问题与建议_20261127-1830.csv');
  });
});

describe('contentDisposition', () => {
  it('offers the Chinese name encoded per RFC 5987 with an ASCII fallback of the same type', () => {
    const header = contentDisposition('九亭镇满意度测评_20261127-1830.xlsx');
    expect(header).toMatch(/^attachment; filename="jiuting-export\.xlsx"; filename\*=UTF-8''/);
    const encoded = header.split("UTF-8''")[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('九亭镇满意度测评_20261127-1830.xlsx');
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });
});
