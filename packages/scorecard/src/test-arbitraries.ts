// fast-check arbitraries shared by the property tests (a test file importing another test file
// would run that file's tests twice).
import fc from 'fast-check';
import { HONOUR_LEVELS, type Honour } from './bonus.ts';
import {
  DEDUCTION_KIND_IDS,
  DEDUCTION_KINDS,
  type DeductionCase,
  type DeductionKindRule,
} from './deductions.ts';

export const honourArb: fc.Arbitrary<Honour> = fc.record({
  work: fc.constantFrom('垃圾分类', '平安社区', '睦邻点', '加装电梯', '美丽楼道'),
  level: fc.constantFrom(...HONOUR_LEVELS),
  bodies: fc.integer({ min: 1, max: 6 }),
});
export const caseArb = fc.record({
  title: fc.constantFrom('楼道自治', '停车共治', '议事会'),
  points: fc.constantFrom(0.5, 1),
});

/** Any valid case: a kind and an allowed amount of it. */
export const deductionArb: fc.Arbitrary<DeductionCase> = fc
  .constantFrom(...DEDUCTION_KIND_IDS)
  .chain((kind) => {
    const rule: DeductionKindRule = DEDUCTION_KINDS[kind];
    const steps = Math.round((rule.max - rule.min) / rule.step);
    return fc
      .integer({ min: 0, max: steps })
      .map((k) => ({ kind, points: rule.min + k * rule.step }));
  });
