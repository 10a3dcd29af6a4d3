/**
 * Failed logins per client address in a sliding window: stops one address trying many
 * usernames, without slowing an office full of staff behind one address who log in correctly.
 * In memory: a restart forgets it, which only gives an attacker one more window.
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
