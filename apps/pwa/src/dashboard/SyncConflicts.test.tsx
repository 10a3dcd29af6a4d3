import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDashboard } from './dashboard.test-kit.tsx';
import type { SyncConflict } from './dashboard-types.ts';
import { ReviewView } from './ReviewView.tsx';

const ID = '7a1d0c1e-3b9f-4c55-9f38-6a7a4f0e1d21';
const conflict: SyncConflict = {
  conflictId: 7,
  id: ID,
  at: '2026-11-27T03:00:00Z',
  userId: 'u1',
  username: 'zhang.caiji',
  displayName: '张采集',
  sessionId: 's1',
  source: 'sync',
  kind: 'survey',
  communityCode: 'JT01',
  storedHash: 'a'.repeat(64),
  receivedHash: 'b'.repeat(64),
};

describe('sync conflicts on the review screen', () => {
  it('lists each conflict with the record, who sent it, when, and both versions, as text', async () => {
    renderDashboard(<ReviewView />, ({ method, path }) => {
      if (method === 'GET' && path.startsWith('/api/sync-conflicts')) {
        return {
          body: {
            items: [{ ...conflict, displayName: '<b>张采集</b>' }],
            total: 1,
            page: 1,
            pageSize: 50,
          },
        };
      }
      return undefined;
    });
    const row = within(await screen.findByTestId(`conflict-${ID}`));
    expect(screen.getByRole('heading', { name: '同步冲突' })).toBeTruthy();
    expect(row.getByText(`问卷 ${ID}`)).toBeTruthy();
    expect(row.getByText('居民区 JT01 · 手机上传')).toBeTruthy();
    expect(
      row.getByText('<b>张采集</b>（zhang.caiji） 于 11月27日 11:00 提交，未保存'),
    ).toBeTruthy();
    expect(row.getByText('已保存版本 aaaaaaaaaaaa · 被拒版本 bbbbbbbbbbbb')).toBeTruthy();
    expect(document.querySelector('b')).toBeNull();
  });

  it('names a visit outcome that conflicted as one (not a blank kind)', async () => {
    renderDashboard(<ReviewView />, ({ method, path }) =>
      method === 'GET' && path.startsWith('/api/sync-conflicts')
        ? { body: { items: [{ ...conflict, kind: 'visit' }], total: 1, page: 1, pageSize: 50 } }
        : undefined,
    );
    const row = within(await screen.findByTestId(`conflict-${ID}`));
    expect(row.getByText(`走访结果 ${ID}`)).toBeTruthy();
  });

  it('says so when there are none', async () => {
    renderDashboard(<ReviewView />, ({ path }) =>
      path.startsWith('/api/sync-conflicts')
        ? { body: { items: [], total: 0, page: 1, pageSize: 50 } }
        : undefined,
    );
    expect(await screen.findByText('没有同步冲突。')).toBeTruthy();
  });
});
