import { describe, expect, it } from 'vitest';
import { toBase64, uploadedFile } from './table-upload.ts';

describe('uploading a table file', () => {
  it('sends the bytes unchanged, GBK included, whatever their size', async () => {
    // “九亭” in GBK: not UTF-8, so reading it as text in the browser would garble it.
    const gbk = new Uint8Array([0xbe, 0xc5, 0xcd, 0xa4]);
    expect(toBase64(gbk)).toBe('vsXNpA==');
    const big = new Uint8Array(200_000).map((_, i) => i % 256);
    const sent = await uploadedFile(new File([big], '户册.xlsx'));
    expect(sent.name).toBe('户册.xlsx');
    expect(Uint8Array.from(atob(sent.base64), (c) => c.charCodeAt(0))).toEqual(big);
  });
});
