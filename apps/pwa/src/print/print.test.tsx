import { QUESTIONS } from '@jiuting/questionnaire';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';
import { hrefOf, parseRoute } from '../ui/route.ts';
import { PaperQuestionnaire } from './PaperQuestionnaire.tsx';
import { Poster } from './Poster.tsx';
import PrintPage from './PrintPage.tsx';
import { parsePrintPath, printHref, printPath } from './print-route.ts';
import { QR_OPTIONS, residentLink } from './qr.ts';

async function svgOf(img: HTMLImageElement): Promise<string> {
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  expect(img.src.startsWith(prefix)).toBe(true);
  return decodeURIComponent(img.src.slice(prefix.length));
}

describe('QR poster', () => {
  it("shows the community and a QR code that encodes that community's resident link", async () => {
    render(
      <Poster communityName="涞寅居民区" token="tok-AbC_123" origin="https://jt.example.cn" />,
    );
    const poster = screen.getByTestId('poster');
    expect(within(poster).getByRole('heading').textContent).toBe('涞寅居民区');
    const img = await within(poster).findByRole<HTMLImageElement>('img');
    const link = 'https://jt.example.cn/r/tok-AbC_123';
    expect(await svgOf(img)).toBe(await QRCode.toString(link, QR_OPTIONS));
    // Not just any QR code: another token's differs.
    expect(await svgOf(img)).not.toBe(
      await QRCode.toString('https://jt.example.cn/r/tok-other', QR_OPTIONS),
    );
    expect(poster.textContent).toContain(link);
    expect(poster.textContent).toContain('微信');
    expect(poster.querySelectorAll('.poster-steps li')).toHaveLength(2);
  });

  it('builds the resident link from the origin and the token, escaping what a URL cannot hold', () => {
    expect(residentLink('http://192.168.1.5:8080/', 'a/b')).toBe('http://192.168.1.5:8080/r/a%2Fb');
  });
});

describe('blank paper questionnaire', () => {
  it('prints every question and every option letter with a box to tick, and no points', () => {
    render(<PaperQuestionnaire communityName="涞寅居民区" />);
    const paper = screen.getByTestId('paper-questionnaire');
    expect(within(paper).getByRole('heading', { level: 1 }).textContent).toBe(
      '九亭镇涞寅居民区群众满意度测评问卷',
    );
    for (const question of QUESTIONS) {
      const block = paper.querySelector(`[data-question="${question.id}"]`);
      expect(block?.textContent).toContain(`${question.number}、${question.text}`);
      const options = block?.querySelectorAll('.paper-option') ?? [];
      expect([...options].map((o) => o.textContent)).toEqual(
        question.options.map((o) => `□${o.letter}. ${o.label}${o.takesText ? '：' : ''}`),
      );
    }
    // Lines to write on: q10 H and q11 G (其他) and question 12.
    expect(paper.querySelectorAll('.paper-option.with-text .fill-line')).toHaveLength(2);
    expect(
      paper.querySelectorAll('[data-question="q12"] .paper-lines span').length,
    ).toBeGreaterThan(1);
    expect(paper.textContent).not.toMatch(/得分|\d+\s*分/);
  });

  it('leaves the community as a blank line when printed for no community', () => {
    render(<PaperQuestionnaire communityName={null} />);
    const title = screen.getByRole('heading', { level: 1 });
    expect(title.textContent).toBe('九亭镇居民区群众满意度测评问卷');
    expect(title.querySelector('.fill-name')?.textContent).toBe('');
  });
});

describe('print pages', () => {
  const COMMUNITIES = {
    communities: [
      { code: 'C01', name: '涞寅', type: '导入居', totalHouseholds: 900, qrToken: 'T1' },
      { code: 'C02', name: '九亭', type: '村改居', totalHouseholds: 500, qrToken: 'T2' },
    ],
  };
  const HEALTHY = {
    status: 'ok',
    publicUrl: { url: 'https://jt.example.cn', problem: null },
    warnings: [],
  };

  function renderPrint(path: string, health: unknown = HEALTHY) {
    const api = createApiClient({
      baseUrl: 'http://test.invalid',
      fetch: async (url) =>
        new Response(JSON.stringify(url.endsWith('/api/health') ? health : COMMUNITIES), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    return render(
      <QueryClientProvider client={client}>
        <ApiProvider value={api}>
          <PrintPage path={path} />
        </ApiProvider>
      </QueryClientProvider>,
    );
  }

  it("prints one poster per community with each community's own link at PUBLIC_URL", async () => {
    renderPrint('poster/all');
    await waitFor(() => expect(screen.getAllByRole('img')).toHaveLength(2));
    const posters = screen.getAllByTestId('poster');
    expect(posters.map((p) => p.querySelector('.poster-link')?.textContent)).toEqual([
      'https://jt.example.cn/r/T1',
      'https://jt.example.cn/r/T2',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelector('.address-warning')).toBeNull();
  });

  it('warns in red, on screen and on each poster, when the server has no PUBLIC_URL', async () => {
    renderPrint('poster/C01', {
      status: 'warning',
      publicUrl: { url: null, problem: 'missing' },
      warnings: ['x'],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.className).toBe('address-warning');
    expect(alert.textContent).toContain('服务器未设置对外地址（PUBLIC_URL）');
    expect(alert.textContent).toContain(location.origin);
    const poster = screen.getByTestId('poster');
    expect(poster.querySelector('.poster-link')?.textContent).toBe(`${location.origin}/r/T1`);
    expect(poster.querySelector('.address-warning')?.textContent).toBe(alert.textContent);
  });

  it('warns on the print index when PUBLIC_URL is a local address', async () => {
    renderPrint('', {
      status: 'warning',
      publicUrl: { url: 'http://127.0.0.1:8080', problem: 'localhost' },
      warnings: ['x'],
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      '二维码地址 http://127.0.0.1:8080 是本机地址，居民扫码打不开：请管理员把 PUBLIC_URL 设为对外的 https 地址后再打印。',
    );
  });

  it('fills the community name into the paper questionnaire printed for it', async () => {
    renderPrint('paper/C02');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      '九亭镇九亭居民区群众满意度测评问卷',
    );
  });

  it("the app's router hands #/print/… to the print pages and back", () => {
    const href = printHref({ kind: 'poster', code: 'C01' });
    const route = parseRoute(href);
    expect(route).toEqual({ name: 'print', path: 'poster/C01' });
    expect(hrefOf(route)).toBe(href);
    expect(parseRoute('#/print')).toEqual({ name: 'print', path: '' });
    expect(hrefOf({ name: 'print', path: '' })).toBe(printHref({ kind: 'index' }));
  });

  it('reads back every print path it writes', () => {
    for (const route of [
      { kind: 'index' },
      { kind: 'poster', code: 'all' },
      { kind: 'poster', code: 'C 01' },
      { kind: 'paper', code: null },
      { kind: 'paper', code: 'C01' },
    ] as const) {
      expect(parsePrintPath(printPath(route))).toEqual(route);
    }
  });
});
