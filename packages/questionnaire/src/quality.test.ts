import { describe, expect, it } from 'vitest';
import {
  COLLECTOR_BURST_COUNT,
  communitySignals,
  DOOR_ABOVE_QR_MIN_EACH,
  FINGERPRINT_BURST_COUNT,
  fillSeconds,
  MIN_FILL_SECONDS,
  type QualityRow,
  REQUIRED_TEXT_CHARS,
  responseFlags,
} from './quality.ts';

// An ordinary canvasser's day: one door visit every 20 minutes from 09:00 Shanghai, each filled
// in 6 minutes, answers spread over the scale.
const ORDINARY_SCORED = { q3: 'A', q4: 'C', q5: 'B', q6: 'C', q7: 'B', q8: 'B', q9: 'C' };
const BEST = { q3: 'A', q4: 'A', q5: 'D', q6: 'D', q7: 'D', q8: 'A', q9: 'A' };

let n = 0;
function row(overrides: Partial<QualityRow> & { at?: string } = {}): QualityRow {
  n += 1;
  const collectedAt = overrides.at ?? '2025-11-20T10:00:00+08:00';
  return {
    id: `r${n}`,
    communityCode: 'JT01',
    collectorId: 'u1',
    channel: 'door',
    collectedAt,
    startedAt: new Date(Date.parse(collectedAt) - 6 * 60_000).toISOString(),
    fingerprint: null,
    scored: ORDINARY_SCORED,
    score: 56,
    counted: true,
    ...overrides,
  };
}

/** `count` responses, one every `minutes` minutes from 09:00 Shanghai. */
function spaced(count: number, minutes: number, overrides: Partial<QualityRow> = {}) {
  return Array.from({ length: count }, (_, i) =>
    row({
      ...overrides,
      at: new Date(Date.parse('2025-11-20T09:00:00+08:00') + i * minutes * 60_000).toISOString(),
    }),
  );
}

const ordinaryDay = () => [
  ...spaced(12, 20),
  ...spaced(12, 20, { collectorId: 'u2' }),
  ...spaced(8, 90, { channel: 'qr', collectorId: null, fingerprint: 'f1' }),
];

describe('quality signals on ordinary data', () => {
  it('flag nothing in a day of ordinary door visits and QR answers', () => {
    expect(responseFlags(ordinaryDay()).size).toBe(0);
  });

  it('give a community with similar door and QR means no door_above_qr', () => {
    const rows = [
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 30, { score: 80 }),
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 120, { channel: 'qr', collectorId: null, score: 70 }),
    ];
    expect(communitySignals(rows)[0]).toMatchObject({
      doorMean: 80,
      qrMean: 70,
      doorAboveQr: false,
    });
  });
});

describe('too_fast', () => {
  it('is the time to read the required questions once at 10 characters a second', () => {
    expect(MIN_FILL_SECONDS).toBe(Math.ceil(REQUIRED_TEXT_CHARS / 10));
    expect(MIN_FILL_SECONDS).toBeGreaterThan(30);
  });

  it('fires below the threshold and not at it', () => {
    const at = '2025-11-20T10:00:00+08:00';
    const fast = row({
      at,
      startedAt: new Date(Date.parse(at) - (MIN_FILL_SECONDS - 1) * 1000).toISOString(),
    });
    const enough = row({
      at,
      startedAt: new Date(Date.parse(at) - MIN_FILL_SECONDS * 1000).toISOString(),
    });
    const flags = responseFlags([fast, enough]);
    expect(flags.get(fast.id)).toEqual(['too_fast']);
    expect(flags.has(enough.id)).toBe(false);
  });

  it('does not fire without paradata or when the phone clock went back', () => {
    const none = row({ startedAt: null });
    const back = row({ at: '2025-11-20T10:00:00+08:00', startedAt: '2025-11-20T10:05:00+08:00' });
    expect(fillSeconds(back)).toBeNull();
    expect(responseFlags([none, back]).size).toBe(0);
  });
});

describe('straight_lining', () => {
  it('fires when every scored question is at its best option, whatever the letter', () => {
    const straight = row({ scored: BEST, score: 100 });
    expect(responseFlags([straight]).get(straight.id)).toEqual(['straight_lining']);
  });

  it('does not fire when one scored question is below its best', () => {
    const almost = row({ scored: { ...BEST, q9: 'B' }, score: 94 });
    expect(responseFlags([almost]).size).toBe(0);
  });
});

describe('collector_burst', () => {
  it('flags every response of a run of five door visits within ten minutes', () => {
    const rows = spaced(COLLECTOR_BURST_COUNT, 2);
    const flags = responseFlags(rows);
    expect(rows.every((r) => flags.get(r.id)?.includes('collector_burst'))).toBe(true);
  });

  it('does not fire for four, for five spread over more than ten minutes, or for paper entry', () => {
    expect(responseFlags(spaced(COLLECTOR_BURST_COUNT - 1, 1)).size).toBe(0);
    expect(responseFlags(spaced(COLLECTOR_BURST_COUNT, 3)).size).toBe(0);
    expect(responseFlags(spaced(20, 1, { channel: 'paper' })).size).toBe(0);
  });

  it('does not join two collectors visiting at the same times', () => {
    const rows = [...spaced(3, 2), ...spaced(3, 2, { collectorId: 'u2' })];
    expect(responseFlags(rows).size).toBe(0);
  });
});

describe('fingerprint_burst', () => {
  const qr = { channel: 'qr', collectorId: null, fingerprint: 'f1' } as const;

  it('flags five QR answers from one fingerprint within an hour', () => {
    const rows = spaced(FINGERPRINT_BURST_COUNT, 10, qr);
    const flags = responseFlags(rows);
    expect(rows.every((r) => flags.get(r.id)?.includes('fingerprint_burst'))).toBe(true);
  });

  it('does not fire for different fingerprints, or for QR answers without one', () => {
    const rows = spaced(FINGERPRINT_BURST_COUNT, 1, qr).map((r, i) => ({
      ...r,
      fingerprint: `f${i}`,
    }));
    expect(responseFlags(rows).size).toBe(0);
    expect(responseFlags(spaced(10, 1, { ...qr, fingerprint: null })).size).toBe(0);
  });
});

describe('night', () => {
  it('fires for a door visit at 22:30 and at 06:59 Shanghai time', () => {
    const late = row({ at: '2025-11-20T22:30:00+08:00' });
    const early = row({ at: '2025-11-20T22:59:00Z' });
    const flags = responseFlags([late, early]);
    expect(flags.get(late.id)).toEqual(['night']);
    expect(flags.get(early.id)).toEqual(['night']);
  });

  it('does not fire at 21:59 or 07:00, nor for a resident answering by QR at night', () => {
    const rows = [
      row({ at: '2025-11-20T21:59:00+08:00' }),
      row({ at: '2025-11-21T07:00:00+08:00' }),
      row({ at: '2025-11-20T23:30:00+08:00', channel: 'qr', collectorId: null }),
    ];
    expect(responseFlags(rows).size).toBe(0);
  });
});

describe('door_above_qr', () => {
  it('fires when counted door answers average 15 points above QR, with ten of each', () => {
    const rows = [
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 30, { score: 90 }),
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 120, { channel: 'qr', collectorId: null, score: 75 }),
    ];
    expect(communitySignals(rows)[0]).toMatchObject({
      doorMean: 90,
      qrMean: 75,
      doorAboveQr: true,
    });
  });

  it('fires at exactly 15 points where the doubles fall short of it (64.02 against 49.02)', () => {
    const rows = [
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 30, { score: 64.02 }),
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 120, { channel: 'qr', collectorId: null, score: 49.02 }),
    ];
    expect(communitySignals(rows)[0]).toMatchObject({
      doorMean: 64.02,
      qrMean: 49.02,
      doorAboveQr: true,
    });
  });

  it('does not fire with fewer than ten QR answers, and ignores repeats', () => {
    const rows = [
      ...spaced(DOOR_ABOVE_QR_MIN_EACH, 30, { score: 90 }),
      ...spaced(DOOR_ABOVE_QR_MIN_EACH - 1, 120, { channel: 'qr', collectorId: null, score: 40 }),
      row({ channel: 'qr', collectorId: null, score: 40, counted: false }),
    ];
    expect(communitySignals(rows)[0]).toMatchObject({
      qrCount: DOOR_ABOVE_QR_MIN_EACH - 1,
      doorAboveQr: false,
    });
  });
});
