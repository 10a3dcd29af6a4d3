import { describe, expect, it } from 'vitest';
import { containsPersonalIdentifier } from './privacy.ts';

describe('containsPersonalIdentifier finds identifiers however they are typed', () => {
  const identifying = [
    '13812345678',
    '电话：139 1234 5678',
    '138-1234-5678',
    '１３８１２３４５６７８',
    '+86 138 1234 5678',
    '+8613812345678',
    '008613812345678',
    '身份证310117198001011234',
    '身份证号 31011719800101123X',
    '31011719800101123x',
    '310117 19800101 1234',
    // Lightly disguised: dots, brackets, underscores, invisible characters between the digits.
    '138.1234.5678',
    '(138)12345678',
    '（138）1234-5678',
    '138_1234_5678',
    '138\u200B1234\u200B5678',
    '1\u200C3\u200D8\u20601234\uFEFF5678',
    '138/1234/5678',
    '310101.19900101.1234',
    '310101_19900101_123X',
    '13812345678号301室',
  ];
  for (const text of identifying) {
    it(`finds one in “${text}”`, () => {
      expect(containsPersonalIdentifier(text)).toBe(true);
    });
  }
});

describe('containsPersonalIdentifier leaves ordinary text alone', () => {
  const ordinary = [
    '',
    '楼道照明坏了，希望尽快修理',
    '12号楼301室，家中3人',
    '每月收入2000元，房租1500元',
    '2025年12月2日上午走访',
    '12345热线反映过三次',
    '1381234567',
    '23812345678',
    '12-301，13:30 上门',
    '2025.12.02 14:30 回访',
    '1号楼3单元，第2、3、5题有意见',
  ];
  for (const text of ordinary) {
    it(`finds none in “${text}”`, () => {
      expect(containsPersonalIdentifier(text)).toBe(false);
    });
  }
});
