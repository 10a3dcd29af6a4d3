import { createHash } from 'node:crypto';

/** Deeper than any item the schemas accept (an item's deepest value sits at level 3). */
export const MAX_CANONICAL_DEPTH = 64;

/** Thrown instead of recursing past MAX_CANONICAL_DEPTH: such a value was never stored. */
export class TooDeepError extends RangeError {
  constructor() {
    super(`value nests deeper than ${MAX_CANONICAL_DEPTH} levels`);
    this.name = 'TooDeepError';
  }
}

/**
 * JSON with object keys sorted at every depth, so the same content always gives the same text.
 * Written out directly rather than by building a sorted copy: it runs for every synced item.
 * It recurses, so it stops at MAX_CANONICAL_DEPTH with a TooDeepError rather than overflowing
 * the stack on a stranger's deeply nested body.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0) ?? 'null';
}

// One string built as it goes (no array of parts per object or array): it runs for every item.
function write(value: unknown, depth: number): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (depth >= MAX_CANONICAL_DEPTH) throw new TooDeepError();
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          out += write(value[i], depth + 1) ?? 'null';
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(record).sort()) {
        const text = write(record[key], depth + 1);
        if (text === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${text}`;
      }
      return `${out}}`;
    }
    default:
      // undefined, functions and symbols are left out, as JSON.stringify leaves them out.
      return undefined;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
