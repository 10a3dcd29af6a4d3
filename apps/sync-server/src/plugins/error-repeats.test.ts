import { expect, it } from 'vitest';
import { errorRepeats } from './error-repeats.ts';

it('lets the first error through, then one line a minute with the count, and starts over after a quiet minute', () => {
  let now = 0;
  const seen = errorRepeats(() => now);
  expect(seen('SQLITE_FULL')).toEqual({ log: 'first' });
  const verdicts = [];
  // Every 500 ms for two and a half minutes, as phones retrying against a full disk.
  for (now = 500; now <= 150_000; now += 500) verdicts.push(seen('SQLITE_FULL'));
  const lines = verdicts.filter((v) => v.log !== 'none');
  expect(lines).toEqual([
    { log: 'repeated', count: 120 },
    { log: 'repeated', count: 120 },
  ]);
  // Another error is its own run.
  expect(seen('SQLITE_READONLY')).toEqual({ log: 'first' });
  // Quiet for a minute: the next one is a new first, logged in full.
  now += 60_000;
  expect(seen('SQLITE_FULL')).toEqual({ log: 'first' });
});
