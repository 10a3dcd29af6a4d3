/// <reference types="vite/client" />
import { expect, it } from 'vitest';

// Safari before 16.4 refuses to parse a regular expression with lookbehind, and one such
// expression anywhere in this package kills the whole residents' page and collectors' app
// that import it.
const sources = import.meta.glob<string>(['./**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

it('has no lookbehind in any source file of the package (Safari before 16.4 cannot parse it)', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(5);
  const offenders = Object.entries(sources)
    .filter(([, text]) => text.includes('(?<=') || text.includes('(?<!'))
    .map(([file]) => file);
  expect(offenders).toEqual([]);
});
