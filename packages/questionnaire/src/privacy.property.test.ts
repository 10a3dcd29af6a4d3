import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPersonalIdentifier } from './privacy.ts';

// What a person (or a script) can put between the digits to slip a number past the check.
const SEPARATOR = fc.constantFrom(
  ' ',
  '\u3000',
  '-',
  '.',
  '_',
  '/',
  '(',
  ')',
  '（',
  '）',
  '、',
  '·',
  '+',
  '*',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
);

/** The digits with zero to three separators after each. */
function disguised(digits: string) {
  return fc
    .array(fc.array(SEPARATOR, { maxLength: 3 }), {
      minLength: digits.length,
      maxLength: digits.length,
    })
    .map((seps) => [...digits].map((d, i) => d + (seps[i] ?? []).join('')).join(''));
}

const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^[0-9]{9}$/))
  .map(([second, rest]) => `1${second}${rest}`);
const residentId = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.stringMatching(/^[0-9]{16}$/),
    fc.constantFrom('0', '5', 'X', 'x'),
  )
  .map(([first, middle, last]) => `${first}${middle}${last}`);
const surrounding = fc.constantFrom('', '电话', '联系我：', '号301室', '，谢谢', '身份证 ');

describe('containsPersonalIdentifier, however the digits are split', () => {
  it('finds a mobile number with any separators or invisible characters between its digits', () => {
    fc.assert(
      fc.property(mobile.chain(disguised), surrounding, surrounding, (number, before, after) => {
        expect(containsPersonalIdentifier(`${before}${number}${after}`)).toBe(true);
      }),
    );
  });

  it('finds an 18-digit ID number with any separators or invisible characters between its digits', () => {
    fc.assert(
      fc.property(residentId.chain(disguised), surrounding, (number, before) => {
        expect(containsPersonalIdentifier(`${before}${number}`)).toBe(true);
      }),
    );
  });

  it('finds nothing in text whose digit runs are all shorter than a mobile number, however separated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[0-9]{1,10}$/), { minLength: 1, maxLength: 5 }),
        (runs) => {
          // Separated by Chinese text, which is never dropped: the runs cannot join.
          expect(containsPersonalIdentifier(runs.join('号楼'))).toBe(false);
        },
      ),
    );
  });
});
