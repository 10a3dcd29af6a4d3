// Points are decimals a person reads (12.5, 27.35). Sums are taken in hundredths so that
// 0.1 + 0.2-style float noise never shows up in a total or breaks a tie between equal totals.

export function toHundredths(points: number): number {
  return Math.round(points * 100);
}

export function roundPoints(points: number): number {
  return toHundredths(points) / 100;
}

export function sumPoints(values: Iterable<number>): number {
  let hundredths = 0;
  for (const value of values) hundredths += toHundredths(value);
  return hundredths / 100;
}

export function isMultipleOf(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** 1.5 → "1.5", 2 → "2": as the plan prints points. */
export function formatPoints(points: number): string {
  return String(roundPoints(points));
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
