import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-bounds.ts';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts arrays and objects as levels and scalars as none', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, { c: [2] }] }, 3)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, { c: 2 }] }, 3)).toBe(false);
  });

  it('answers for a million levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });
});
