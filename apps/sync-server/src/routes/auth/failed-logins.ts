/**
 * Failures per key in a sliding window, in memory. Used for usernames that no account has:
 * what was typed is never stored, and a restart forgetting them only gives an attacker one more
 * window against accounts that do not exist (real accounts are counted in the audit).
 */
export class FailedLoginCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  record(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune(nowMs);
  }

  isBlocked(key: string, nowMs: number): boolean {
    return this.recent(key, nowMs).length >= this.max;
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
  }

  private prune(nowMs: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((t) => nowMs - t >= this.windowMs)) this.failures.delete(key);
    }
  }
}
