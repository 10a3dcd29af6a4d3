import { shanghaiDay } from '@jiuting/questionnaire';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { assessmentYearOf, type YearFacts } from './assessment-year.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN = 4 * 365 * 86_400_000;
const instant = fc.integer({ min: START, max: START + SPAN });
/** An item's questionnaire version, or none (interviews and visits). */
const versionArb = fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined });

const yearsArb = fc
  .uniqueArray(fc.integer({ min: 2025, max: 2029 }), { minLength: 1, maxLength: 4 })
  .chain((numbers) =>
    fc.tuple(
      ...numbers.map((year) =>
        fc.record({
          year: fc.constant(year),
          state: fc.constantFrom('open' as const, 'locked' as const),
          questionnaireVersion: fc.integer({ min: 1, max: 3 }),
          collectionFrom: fc.option(instant.map(day), { nil: null }),
          collectionTo: fc.option(instant.map(day), { nil: null }),
          openedAt: instant.map((ms) => new Date(ms).toISOString()),
        }),
      ),
    ),
  );

it('always gives a stored year, and one that collects with the item’s version when any does', () => {
  fc.assert(
    fc.property(yearsArb, instant, versionArb, (years: YearFacts[], at, version) => {
      const picked = assessmentYearOf(
        { collectedAt: new Date(at).toISOString(), questionnaireVersion: version },
        years,
      );
      expect(years).toContain(picked);
      if (years.some((y) => y.questionnaireVersion === version)) {
        expect(picked.questionnaireVersion).toBe(version);
      }
    }),
  );
});

it('never moves an item to a later year when it was collected earlier (same version, no windows)', () => {
  fc.assert(
    fc.property(yearsArb, instant, instant, (years: YearFacts[], a, b) => {
      const plain = years.map((y) => ({
        ...y,
        questionnaireVersion: 1,
        collectionFrom: null,
        collectionTo: null,
      }));
      const [early, late] = a <= b ? [a, b] : [b, a];
      const yearOf = (ms: number) =>
        assessmentYearOf(
          { collectedAt: new Date(ms).toISOString(), questionnaireVersion: 1 },
          plain,
        ).year;
      // Years opened out of order aside, a later collection never lands in an earlier year.
      const inOrder = [...plain]
        .sort((x, y) => x.year - y.year)
        .every((y, i, all) => i === 0 || y.openedAt >= (all[i - 1] as YearFacts).openedAt);
      if (inOrder) expect(yearOf(early)).toBeLessThanOrEqual(yearOf(late));
    }),
  );
});

it('gives the same year for an item whose Shanghai day is passed in as for one it works out', () => {
  fc.assert(
    fc.property(yearsArb, instant, versionArb, (years: YearFacts[], at, version) => {
      // Shanghai time, so near midnight UTC the day differs from the instant's UTC date.
      const collectedAt = new Date(at).toISOString().replace('Z', '+00:00');
      const item = { collectedAt, questionnaireVersion: version };
      expect(assessmentYearOf({ ...item, collectedDay: shanghaiDay(collectedAt) }, years)).toBe(
        assessmentYearOf(item, years),
      );
    }),
  );
});
