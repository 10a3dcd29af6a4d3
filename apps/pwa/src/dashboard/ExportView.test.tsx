import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileNameOf } from '../ui/download.ts';
import { ExportView } from './ExportView.tsx';

const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('export', () => {
  it('downloads the workbook under the Chinese name the server gives', async () => {
    const user = userEvent.setup();
    const fetch = vi.fn(
      async () =>
        new Response(new Uint8Array([80, 75, 3, 4]), {
          status: 200,
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="jiuting-export.xlsx"; filename*=UTF-8''${encodeURIComponent('九亭镇满意度测评_20261127-1830.xlsx')}`,
          },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    const created = vi.fn(() => 'blob:test');
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    render(<ExportView />);
    await user.click(screen.getByRole('button', { name: '下载 Excel（四张表）' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '已下载：九亭镇满意度测评_20261127-1830.xlsx',
    );
    expect(fetch).toHaveBeenCalledWith(
      '/api/exports/assessment.xlsx',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
    expect(clicked).toEqual(['九亭镇满意度测评_20261127-1830.xlsx']);
  });

  it('shows the server’s Chinese reason when an export is refused', async () => {
    const user = userEvent.setup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          {
            error: 'export_unscorable',
            message: '导出失败：问卷 abc 的答案无法计分，请先核对该记录',
          },
          { status: 422 },
        ),
      ),
    );
    render(<ExportView />);
    await user.click(screen.getByRole('button', { name: '问卷明细.csv' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '导出失败：问卷 abc 的答案无法计分，请先核对该记录',
    );
  });

  it('saves nothing and says so when the download breaks off part way', async () => {
    const user = userEvent.setup();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('\uFEFF居民区编号,居民区\r\n'));
        controller.error(new TypeError('network error'));
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () => new Response(body, { status: 200, headers: { 'content-type': 'text/csv' } }),
      ),
    );
    const created = vi.fn(() => 'blob:test');
    URL.createObjectURL = created;
    render(<ExportView />);
    await user.click(screen.getByRole('button', { name: '问卷明细.csv' }));
    expect((await screen.findByRole('alert')).textContent).toBe('下载中断，文件未保存，请重试');
    expect(created).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '问卷明细.csv' })).toHaveProperty('disabled', false);
  });

  it('reads the file name from filename* first, then filename, then the fallback', () => {
    expect(
      fileNameOf(`attachment; filename="a.csv"; filename*=UTF-8''%E6%B1%87%E6%80%BB.csv`, 'x'),
    ).toBe('汇总.csv');
    expect(fileNameOf('attachment; filename="a.csv"', 'x')).toBe('a.csv');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});
