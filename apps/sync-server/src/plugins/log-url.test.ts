import { describe, expect, it } from 'vitest';
import { urlForLog } from './log-url.ts';

describe('urlForLog', () => {
  it('masks QR tokens, however the path is spelled', () => {
    expect(urlForLog('/r/AbC123xyz')).toBe('/r/[token]');
    expect(urlForLog('/%72/AbC123xyz?x=1')).toBe('/r/[token]?x=[redacted]');
    expect(urlForLog('/api/public/q/AbC123xyz/responses')).toBe('/api/public/q/[token]/responses');
    expect(urlForLog('/api/public/%71/AbC123xyz')).toBe('/api/public/q/[token]');
  });

  it('masks the feedback search term and keeps the paging and filters', () => {
    expect(
      urlForLog('/api/feedback/texts?q=%E4%B9%9D%E5%8F%B7%E6%A5%BC&page=2&community=DEMO01'),
    ).toBe('/api/feedback/texts?q=[redacted]&page=2&community=DEMO01');
  });

  it('leaves other paths as they are', () => {
    expect(urlForLog('/api/review/responses')).toBe('/api/review/responses');
    expect(urlForLog('/api/coverage')).toBe('/api/coverage');
  });
});
