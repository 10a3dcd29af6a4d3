import { describe, expect, test } from 'vitest';
import { checkChromium } from './chromium.ts';

const nowhere = '/nonexistent/chromium';

describe('a machine without Chromium', () => {
  test('skips the browser journeys on a developer machine and says why and how to get them', () => {
    expect(checkChromium({ CHROMIUM_PATH: nowhere })).toEqual({
      run: false,
      required: false,
      notice: expect.stringMatching(/SKIPPED.*\/nonexistent\/chromium.*apt-get/),
    });
  });

  test('fails under CI=true instead of passing without the journeys', () => {
    expect(checkChromium({ CHROMIUM_PATH: nowhere, CI: 'true' })).toEqual({
      run: false,
      required: true,
      notice: expect.stringMatching(/\/nonexistent\/chromium.*CI=true.*fails/),
    });
  });

  test('runs them where Chromium is, in CI or not', () => {
    const here = () => true;
    expect(checkChromium({ CHROMIUM_PATH: nowhere }, here)).toEqual({ run: true });
    expect(checkChromium({ CHROMIUM_PATH: nowhere, CI: 'true' }, here)).toEqual({ run: true });
  });
});
