/**
 * How deep a request body may nest. Every body this server takes is shallow (an outbox file →
 * items → item → answers → q10 → letter is 5 levels); a stranger's 7,500-level array is refused
 * here, by a walk that keeps its own stack, before any code that recurses (hashing, logging,
 * JSON.stringify) can meet it.
 */
export const MAX_BODY_DEPTH = 32;

/** True when `value` nests arrays or objects more than `maxDepth` levels deep. Never recurses. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    if (top.value === null || typeof top.value !== 'object') continue;
    const depth = top.depth + 1;
    if (depth > maxDepth) return true;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return false;
}
