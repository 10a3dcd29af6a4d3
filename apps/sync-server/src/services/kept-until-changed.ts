/**
 * Values computed from the database and kept until `version()` reads differently: a report
 * that reads a whole year is computed once per change of its data, not once per request. A
 * few keys (a year and its filters) are kept at a time; the oldest goes first.
 */
export function keptUntilChanged<T>(version: () => string, limit = 16) {
  let seen: string | undefined;
  const kept = new Map<string, T>();
  return (key: string, compute: () => T): T => {
    const now = version();
    if (now !== seen) {
      kept.clear();
      seen = now;
    }
    const found = kept.get(key);
    if (found !== undefined) return found;
    const value = compute();
    if (kept.size >= limit) kept.delete(kept.keys().next().value as string);
    kept.set(key, value);
    return value;
  };
}
