import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { buildOutboxExport } from '../outbox/export.ts';
import { freshDb, queueItems, surveyItem } from '../outbox/outbox.test-kit.ts';
import type { Call } from './dashboard.test-kit.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';
import { OutboxImport } from './OutboxImport.tsx';

// The file a canvasser's phone saved (未上传的记录 → 导出), loaded by a coordinator.

async function phoneFile(count: number): Promise<{ file: File; ids: string[] }> {
  const db = freshDb();
  const payloads = Array.from({ length: count }, () => surveyItem());
  await queueItems(db, payloads, Date.now(), 'canvasser-li');
  const saved = await buildOutboxExport(db, 'canvasser-li', Date.now());
  db.close();
  return {
    file: new File([JSON.stringify(saved, null, 2)], 'jiuting-outbox-canvasser-li.json', {
      type: 'application/json',
    }),
    ids: payloads.map((p) => p.id),
  };
}

const picker = () => screen.getByLabelText('选择待上传记录文件（.json）');

describe('a coordinator loads a phone’s outbox file', () => {
  test('sends the file as the phone saved it and says what became of each record', async () => {
    const user = userEvent.setup();
    const { file, ids } = await phoneFile(4);
    const calls: Call[] = [];
    renderDashboard(<OutboxImport />, (call) => {
      calls.push(call);
      if (call.method !== 'POST' || call.path !== '/api/outbox-import') return undefined;
      return {
        body: {
          results: [
            { id: ids[0], status: 'accepted' },
            { id: ids[1], status: 'accepted' },
            { id: ids[2], status: 'duplicate' },
            {
              id: ids[3],
              status: 'rejected',
              error: { error: 'validation_failed', message: '门牌地址格式不正确' },
            },
          ],
        },
      };
    });
    await user.upload(picker(), file);
    expect(await screen.findByText(/采集员 canvasser-li 的 4 条记录/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '导入' }));

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('新保存 2 条');
    expect(status.textContent).toContain('1 条系统中已有（不重复计数）');
    expect(status.textContent).toContain('1 条被拒收：门牌地址格式不正确');
    const sent = calls.find((c) => c.path === '/api/outbox-import')?.body as {
      format: string;
      exportedBy: string;
      items: Array<{ id: string }>;
    };
    expect(sent.format).toBe('jiuting-outbox');
    expect(sent.exportedBy).toBe('canvasser-li');
    expect(sent.items.map((i) => i.id)).toEqual(ids);
  });

  test('a file that is not an outbox file is named as such and nothing is sent', async () => {
    const user = userEvent.setup();
    const calls: Call[] = [];
    renderDashboard(<OutboxImport />, (call) => {
      calls.push(call);
      return undefined;
    });
    await user.upload(
      picker(),
      new File(['编号,名称\nJT01,九亭一居'], '居民区.json', { type: 'application/json' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('无法读取这个文件');
    expect(screen.getByRole('button', { name: '导入' })).toHaveProperty('disabled', true);
    expect(calls).toEqual([]);
  });

  test('the server’s refusal (no such collector) is shown in its words', async () => {
    const user = userEvent.setup();
    const { file } = await phoneFile(1);
    renderDashboard(<OutboxImport />, () => ({
      status: 400,
      body: {
        error: 'outbox_collector_unknown',
        message: '文件中的采集员不存在',
        issues: [{ path: 'exportedBy', message: '没有用户名为“canvasser-li”的账号' }],
      },
    }));
    await user.upload(picker(), file);
    await user.click(await screen.findByRole('button', { name: '导入' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('没有用户名为“canvasser-li”的账号'),
    );
  });
});
