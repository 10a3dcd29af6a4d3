import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { householdCoverage } from './community.ts';

// A fair sample of a community's register (issue 11 §3): drawn, not chosen, so a community
// cannot survey only its friendliest buildings. Pure and seeded: the same register and seed
// give the same sample on any machine, so a stored seed lets anyone redo and check a draw.
// The PRNG is pure-rand's xoroshiro128+ (maintained, the one fast-check uses), not our own.

/** A register household as the draw reads it. Only 居住 households are in the frame. */
export interface SampleFrameHousehold {
  readonly key: string;
  readonly area: string;
  readonly building: string;
  readonly status: string;
}

/** The reserve list's size relative to the sample: for refusals, 不在家 and vacancies. */
export const SAMPLE_RESERVE_SHARE = 0.3;

/** Seeds are integers 0 … 2³¹ − 1 (what the generator takes without folding). */
export const MAX_SAMPLE_SEED = 0x7fff_ffff;

export interface SampleStratum {
  readonly area: string;
  readonly building: string;
  /** 居住 households of this building. */
  readonly households: number;
  readonly sample: number;
  readonly reserve: number;
}

export interface HouseholdSample {
  readonly seed: number;
  /** 居住 households in the register: the frame the sample is drawn from. */
  readonly frame: number;
  /** Household keys, by rank (rank 1 first). */
  readonly sample: readonly string[];
  readonly reserve: readonly string[];
  /** Per area and building, in area then building order. */
  readonly strata: readonly SampleStratum[];
}

/** The households needed to reach the 30% line: ⌈30% × frame⌉ (coverage's own rule). */
export function sampleSizeFor(frame: number): number {
  return householdCoverage(0, frame).shortfall;
}

/** ⌈30% × sample⌉, at most the households left outside the sample. */
export function reserveSizeFor(frame: number): number {
  const size = sampleSizeFor(frame);
  return Math.min(frame - size, Math.ceil(size * SAMPLE_RESERVE_SHARE - 1e-9));
}

/**
 * Largest-remainder (Hamilton) allocation of `total` seats in proportion to `weights`: each gets
 * the floor of its exact quota, and the seats left go to the largest remainders (ties: the
 * larger weight, then the earlier one). Integer arithmetic, so no rounding decides a seat.
 * Requires total ≤ sum of weights; no share exceeds its weight.
 */
export function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const seats = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - seats.reduce((s, n) => s + n, 0);
  const order = weights
    .map((w, i) => ({ i, w, remainder: (total * w) % sum }))
    .filter((x) => x.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || b.w - a.w || a.i - b.i);
  for (const { i } of order.slice(0, left)) seats[i] = (seats[i] ?? 0) + 1;
  return seats;
}

// Code-unit order: the same on every machine and locale (a draw must not depend on either).
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Ranked {
  key: string;
  /** 1-based position within its stratum's picks, and that stratum's number of picks. */
  position: number;
  of: number;
  tieBreak: number;
}

/**
 * Ranks picks so that any first k of them are spread over the strata in proportion: the j-th
 * pick of a stratum with n picks stands at (j − ½) / n; equal standings in a seeded order.
 */
function spreadRanks(picks: Ranked[]): string[] {
  return picks
    .sort(
      (a, b) =>
        (2 * a.position - 1) * b.of - (2 * b.position - 1) * a.of || a.tieBreak - b.tieBreak,
    )
    .map((p) => p.key);
}

/**
 * Draws the sample and its reserve from the register's 居住 households, stratified by area and
 * building in proportion to their households: the sample's ⌈30%⌉ and the reserve are each
 * allocated over the buildings by largest remainder (the reserve over the households the sample
 * left), and each building's households are picked by a seeded Fisher–Yates shuffle. The input's
 * order does not matter.
 */
export function drawHouseholdSample(
  households: readonly SampleFrameHousehold[],
  seed: number,
): HouseholdSample {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SAMPLE_SEED) {
    throw new RangeError(`seed must be an integer 0…${MAX_SAMPLE_SEED}`);
  }
  const strata = new Map<string, { area: string; building: string; keys: string[] }>();
  for (const h of households) {
    if (h.status !== '居住') continue;
    const id = `${h.area}\u0000${h.building}`;
    const stratum = strata.get(id) ?? { area: h.area, building: h.building, keys: [] };
    stratum.keys.push(h.key);
    strata.set(id, stratum);
  }
  const ordered = [...strata.values()].sort(
    (a, b) => byText(a.area, b.area) || byText(a.building, b.building),
  );
  const rng = xoroshiro128plus(seed);
  for (const s of ordered) {
    s.keys.sort(byText);
    for (let i = s.keys.length - 1; i > 0; i -= 1) {
      const j = uniformInt(rng, 0, i);
      [s.keys[i], s.keys[j]] = [s.keys[j] as string, s.keys[i] as string];
    }
  }
  const frame = ordered.reduce((n, s) => n + s.keys.length, 0);
  const sampleSeats = largestRemainder(
    ordered.map((s) => s.keys.length),
    sampleSizeFor(frame),
  );
  const reserveSeats = largestRemainder(
    ordered.map((s, i) => s.keys.length - (sampleSeats[i] ?? 0)),
    reserveSizeFor(frame),
  );
  const sample: Ranked[] = [];
  const reserve: Ranked[] = [];
  ordered.forEach((s, i) => {
    const n = sampleSeats[i] ?? 0;
    const r = reserveSeats[i] ?? 0;
    s.keys.slice(0, n).forEach((key, j) => {
      sample.push({ key, position: j + 1, of: n, tieBreak: 0 });
    });
    s.keys.slice(n, n + r).forEach((key, j) => {
      reserve.push({ key, position: j + 1, of: r, tieBreak: 0 });
    });
  });
  for (const p of [...sample, ...reserve]) p.tieBreak = uniformInt(rng, 0, MAX_SAMPLE_SEED);
  return {
    seed,
    frame,
    sample: spreadRanks(sample),
    reserve: spreadRanks(reserve),
    strata: ordered.map((s, i) => ({
      area: s.area,
      building: s.building,
      households: s.keys.length,
      sample: sampleSeats[i] ?? 0,
      reserve: reserveSeats[i] ?? 0,
    })),
  };
}
