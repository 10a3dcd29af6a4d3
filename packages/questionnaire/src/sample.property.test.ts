import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  drawHouseholdSample,
  largestRemainder,
  MAX_SAMPLE_SEED,
  reserveSizeFor,
  type SampleFrameHousehold,
  sampleSizeFor,
} from './sample.ts';

const registerArb = fc
  .array(
    fc.record({
      area: fc.constantFrom('九亭小区', '颐景园', '新姚村'),
      building: fc.integer({ min: 1, max: 8 }).map((n) => `${n}号`),
      rooms: fc.integer({ min: 1, max: 40 }),
      status: fc.constantFrom('居住', '居住', '居住', '空置', '非住宅'),
    }),
    { maxLength: 12 },
  )
  .map((buildings) => {
    const seen = new Set<string>();
    const households: SampleFrameHousehold[] = [];
    for (const b of buildings) {
      for (let r = 1; r <= b.rooms; r += 1) {
        const key = `${b.area}·${b.building}${r}室`;
        if (seen.has(key)) continue;
        seen.add(key);
        households.push({ key, area: b.area, building: b.building, status: b.status });
      }
    }
    return households;
  });
const seedArb = fc.integer({ min: 0, max: MAX_SAMPLE_SEED });

it('draws exactly the sizes of the rule, each building within one of its exact share, from 居住 only', () => {
  fc.assert(
    fc.property(registerArb, seedArb, (register, seed) => {
      const living = register.filter((h) => h.status === '居住');
      const draw = drawHouseholdSample(register, seed);
      const size = sampleSizeFor(living.length);
      expect(draw.frame).toBe(living.length);
      expect(draw.sample).toHaveLength(size);
      expect(draw.reserve).toHaveLength(reserveSizeFor(living.length));
      const livingKeys = new Set(living.map((h) => h.key));
      const drawn = [...draw.sample, ...draw.reserve];
      expect(new Set(drawn).size).toBe(drawn.length);
      for (const key of drawn) expect(livingKeys.has(key)).toBe(true);
      for (const s of draw.strata) {
        const exact = (size * s.households) / living.length;
        expect(s.sample).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(s.sample).toBeLessThanOrEqual(Math.ceil(exact));
        expect(s.sample + s.reserve).toBeLessThanOrEqual(s.households);
      }
    }),
    { numRuns: 200 },
  );
});

it('is reproducible: the same register in any order and the same seed give the same draw', () => {
  fc.assert(
    fc.property(
      registerArb.chain((r) =>
        fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length })),
      ),
      seedArb,
      ([register, shuffled], seed) => {
        expect(drawHouseholdSample(shuffled, seed)).toEqual(drawHouseholdSample(register, seed));
      },
    ),
    { numRuns: 100 },
  );
});

it('allocates every seat and never more than a weight holds', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (weights, share) => {
        const total = Math.floor(share * weights.reduce((s, w) => s + w, 0));
        const seats = largestRemainder(weights, total);
        expect(seats.reduce((s, n) => s + n, 0)).toBe(total);
        seats.forEach((n, i) => {
          expect(n).toBeLessThanOrEqual(weights[i] as number);
        });
      },
    ),
  );
});
