import { FULL_MARKS_ANSWERS } from '@jiuting/questionnaire/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Call } from './dashboard.test-kit.tsx';
import { renderDashboard } from './dashboard.test-kit.tsx';
import type { FlaggedResponse, QualityAnswer, ReviewResponse } from './dashboard-types.ts';
import { QualityView } from './QualityView.tsx';

const ID = '0b5e2a4c-7d7a-4f1e-9a55-2f3b9c1d0e11';
const counts = (over: Partial<Record<string, number>> = {}) => ({
  too_fast: 0,
  straight_lining: 0,
  collector_burst: 0,
  fingerprint_burst: 0,
  night: 0,
  ...over,
});

const flagged: FlaggedResponse = {
  id: ID,
  communityCode: 'JT01',
  communityName: '九亭一居',
  collector: '张采集',
  collectorId: 'u1',
  channel: 'door',
  householdKey: '12号301室',
  collectedAt: '2025-11-20T15:02:00Z',
  fillSeconds: 25,
  answerChanges: 0,
  score: 100,
  counted: true,
  invalid: false,
  flags: ['too_fast', 'night'],
};

const answer: QualityAnswer = {
  year: 2025,
  thresholds: {
    minFillSeconds: 38,
    collectorBurstCount: 6,
    collectorBurstMinutes: 30,
    fingerprintBurstCount: 5,
    fingerprintBurstMinutes: 10,
    nightStartHour: 22,
    nightEndHour: 6,
    doorAboveQrPoints: 10,
    doorAboveQrMinEach: 10,
  },
  communities: [
    {
      code: 'JT01',
      name: '九亭一居',
      responses: 40,
      flagged: 1,
      flags: counts({ too_fast: 1, night: 1 }),
      doorCount: 20,
      qrCount: 12,
      doorMean: 91.5,
      qrMean: 70.25,
      doorAboveQr: true,
    },
  ],
  collectors: [
    {
      userId: 'u1',
      name: '张采集',
      responses: 20,
      flagged: 1,
      flags: counts({ too_fast: 1, night: 1 }),
    },
  ],
  flagged: { items: [flagged], total: 1, page: 1, pageSize: 50 },
};

function qualityServer() {
  let item: ReviewResponse = {
    id: ID,
    communityCode: 'JT01',
    communityName: '九亭一居',
    collector: '张采集',
    collectedAt: flagged.collectedAt,
    receivedAt: flagged.collectedAt,
    householdKey: '12号301室',
    householdAddress: '12号楼301室',
    channel: 'door',
    score: 100,
    counted: true,
    answers: { ...FULL_MARKS_ANSWERS, q11: ['F'] },
    startedAt: '2025-11-20T15:01:35Z',
    answerChanges: 0,
    questionnaireVersion: 1,
    sessionId: null,
    flags: ['too_fast', 'night'],
    invalid: null,
  };
  return ({ method, path, body }: Call) => {
    if (method === 'GET' && path.startsWith('/api/quality')) return { body: answer };
    if (method === 'GET' && path.startsWith('/api/review/responses')) {
      return { body: { items: [item], total: 1, page: 1, pageSize: 50 } };
    }
    if (method === 'GET' && path === '/api/communities') {
      return {
        body: {
          communities: [{ code: 'JT01', name: '九亭一居', type: '导入居', totalHouseholds: 200 }],
        },
      };
    }
    if (method === 'POST' && path === `/api/review/responses/${ID}/invalidate`) {
      const reason = (body as { reason: string }).reason;
      item = {
        ...item,
        counted: false,
        invalid: { at: '2025-11-21T03:00:00Z', reason, byUserId: 'c1', byDisplayName: '李专班' },
      };
      return { body: { item } };
    }
    return undefined;
  };
}

describe('data quality', () => {
  it('shows each community’s flags and its door and QR means, with door far above QR called out', async () => {
    renderDashboard(<QualityView />, qualityServer());
    const row = within(await screen.findByTestId('quality-community-JT01'));
    expect(row.getByText('上门高于扫码')).toBeTruthy();
    expect(row.getByText('91.5（20）')).toBeTruthy();
    expect(row.getByText('70.3（12）')).toBeTruthy();
    expect(within(screen.getByTestId('quality-collector-u1')).getByText('张采集')).toBeTruthy();
  });

  it('opens a flagged response’s full answers and marks it invalid from there, with the reason', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<QualityView />, qualityServer());
    const row = within(await screen.findByTestId(`flagged-${ID}`));
    expect(row.getByText('填写过快')).toBeTruthy();
    expect(row.getByText(/用时 25 秒/)).toBeTruthy();
    await user.click(row.getByRole('button', { name: '查看答案' }));
    const detail = within(await screen.findByTestId(`review-${ID}`));
    expect(detail.getByText('I. 无')).toBeTruthy();
    expect(server.calls.some((c) => c.path === `/api/review/responses?id=${ID}`)).toBe(true);
    await user.click(detail.getByRole('button', { name: '标记无效' }));
    await user.type(detail.getByLabelText('无效原因（必填）'), '核实未入户');
    await user.click(detail.getByRole('button', { name: '确认标记无效' }));
    await waitFor(() =>
      expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '核实未入户' }),
    );
    expect(await detail.findByText(/李专班 于 .* 标记无效：核实未入户/)).toBeTruthy();
  });

  it('asks the server for one collector’s flagged responses when the collector is chosen', async () => {
    const user = userEvent.setup();
    const { server } = renderDashboard(<QualityView />, qualityServer());
    await user.click(await screen.findByRole('button', { name: '张采集' }));
    await waitFor(() =>
      expect(
        server.calls.some(
          (c) => c.path.startsWith('/api/quality') && c.path.includes('collector=u1'),
        ),
      ).toBe(true),
    );
  });
});
