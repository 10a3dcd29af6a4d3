import { describe, expect, it } from 'vitest';
import { shanghaiDay, shanghaiWallClock } from './time.ts';

describe('shanghaiDay', () => {
  it('gives the day a clock in Jiuting showed, whatever offset the time was written with', () => {
    expect(shanghaiDay('2025-11-20T15:59:59Z')).toBe('2025-11-20');
    expect(shanghaiDay('2025-11-20T16:00:00Z')).toBe('2025-11-21');
    expect(shanghaiDay('2025-11-21T00:00:00+08:00')).toBe('2025-11-21');
    expect(shanghaiDay('2025-11-20T12:00:00-05:00')).toBe('2025-11-21');
  });

  it('throws rather than give a day that is not YYYY-MM-DD', () => {
    expect(() => shanghaiDay('0000-01-01T00:00:00+14:00')).toThrow(RangeError);
    expect(() => shanghaiDay('9999-12-31T23:59:59Z')).toThrow(RangeError);
    expect(() => shanghaiDay('昨天')).toThrow(RangeError);
  });
});

describe('shanghaiWallClock', () => {
  it('has the Shanghai wall-clock time in its UTC fields, or is null for text that is not a time', () => {
    expect(shanghaiWallClock('2025-11-20T02:03:04Z')?.toISOString()).toBe(
      '2025-11-20T10:03:04.000Z',
    );
    expect(shanghaiWallClock('下午')).toBeNull();
  });
});
