import fc from 'fast-check';
import { expect, it } from 'vitest';
import { beijingFormatter, formatBeijing } from './time.ts';

const MIN = Date.UTC(1900, 0, 1);
const MAX = Date.UTC(2200, 0, 1);

it('formats every time as formatBeijing does, whatever the order the times come in', () => {
  const isoTimes = fc.oneof(
    fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString()),
    // Without milliseconds, with an offset, out of range, or not a time at all.
    fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString().slice(0, 19) + 'Z'),
    fc
      .integer({ min: MIN, max: MAX })
      .map((ms) => `${new Date(ms).toISOString().slice(0, 19)}+08:00`),
    fc
      .tuple(
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 29 }),
      )
      .map(
        ([month, day, hour]) =>
          `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:07:09.5Z`,
      ),
    fc.string(),
  );
  fc.assert(
    fc.property(fc.array(isoTimes, { maxLength: 40 }), (times) => {
      const format = beijingFormatter();
      // Twice, so the second pass reads what the first one kept.
      for (const iso of [...times, ...times]) expect(format(iso)).toBe(formatBeijing(iso));
    }),
  );
});
