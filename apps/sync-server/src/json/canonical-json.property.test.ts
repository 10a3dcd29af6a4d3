import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson, MAX_CANONICAL_DEPTH, TooDeepError } from './canonical-json.ts';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const rotated = entries
      .slice(seed % (entries.length || 1))
      .concat(entries.slice(0, seed % (entries.length || 1)));
    return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
  }
  return value;
}

it('gives the same text for the same content whatever the key order (a retry is never a conflict)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat(10), (value, seed) => {
      expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
    }),
  );
});

it('gives different text when any value differs (a changed answer is never a duplicate)', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.string(),
      fc.jsonValue(),
      fc.jsonValue(),
      (base, key, v1, v2) => {
        fc.pre(canonicalJson(v1) !== canonicalJson(v2));
        const a = JSON.parse(JSON.stringify({ ...base, [key]: v1 }));
        const b = JSON.parse(JSON.stringify({ ...base, [key]: v2 }));
        expect(canonicalJson(a)).not.toBe(canonicalJson(b));
      },
    ),
  );
});

/** canonicalJson as it was until issue 17's ingest work: every stored hash was made by it. */
function before(value: unknown, depth = 0): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v) => before(v, depth + 1) ?? 'null').join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const text = before(record[key], depth + 1);
        if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

// Values as a parsed body or a zod output holds them, with the undefined a missing optional
// field can leave in an object or array.
const { value: bodyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, undefined),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'grapheme' }),
    fc.array(tie('value')),
    fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('value')),
  ),
}));

it('writes exactly the text stored hashes were made from (a retried item stays a duplicate)', () => {
  fc.assert(
    fc.property(bodyValue, (value) => {
      expect(canonicalJson(value)).toBe(before(value) ?? 'null');
    }),
    { numRuns: 500 },
  );
});

it('keeps a __proto__ key as an ordinary key', () => {
  expect(canonicalJson(JSON.parse('{"b":1,"__proto__":2}'))).toBe('{"__proto__":2,"b":1}');
});

it('refuses a value nested deeper than any item with a TooDeepError, not a stack overflow', () => {
  fc.assert(
    fc.property(fc.integer({ min: MAX_CANONICAL_DEPTH + 1, max: 200_000 }), (levels) => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? [value] : { a: value };
      expect(() => canonicalJson(value)).toThrow(TooDeepError);
    }),
    { numRuns: 20 },
  );
  let atLimit: unknown = 1;
  for (let i = 0; i < MAX_CANONICAL_DEPTH; i += 1) atLimit = [atLimit];
  expect(canonicalJson(atLimit)).toBe(
    `${'['.repeat(MAX_CANONICAL_DEPTH)}1${']'.repeat(MAX_CANONICAL_DEPTH)}`,
  );
});
