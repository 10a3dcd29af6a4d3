import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { afterEach, describe, expect, test } from 'vitest';
import { BROWSER_FLOORS } from './browser-floors.ts';

// public/old-phone.js runs before each page's module on every phone; these run it on the pages'
// own HTML with the user agents of iPhones on either side of each floor.
const read = (...path: string[]) => readFileSync(join(import.meta.dirname, '..', ...path), 'utf8');
const pages = { resident: read('resident.html'), main: read('index.html') };
const script = read('public', 'old-phone.js');

function openOn(page: keyof typeof pages, userAgent: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(pages[page])?.[1] ?? '';
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, '');
  Object.defineProperty(navigator, 'userAgent', { value: userAgent, configurable: true });
  new Function(script)();
  return document.getElementById('old-phone')?.textContent ?? '';
}

const iphone = (version: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS ${version} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/4G Language/zh_CN`;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a page on a phone too old for it', () => {
  test('the residents’ page tells an iPhone below iOS 14 to update iOS or ask for a paper form, not to update WeChat', () => {
    const text = openOn('resident', iphone('13_7'));
    expect(text).toContain('iOS 13.7');
    expect(text).toContain(`更新到 ${BROWSER_FLOORS.resident.safari} 或以上`);
    expect(text).toContain('纸质问卷');
    expect(text).not.toContain('微信');
    expect(document.getElementById('old-phone')?.getAttribute('role')).toBe('alert');
  });

  test('the collectors’ app tells an iPhone below iOS 15 the same, with its own floor', () => {
    const text = openOn('main', iphone('14_8'));
    expect(text).toContain('打不开采集应用');
    expect(text).toContain(`更新到 ${BROWSER_FLOORS.main.safari} 或以上`);
  });

  test('an iPhone at each floor, and any Android phone, see no such message', () => {
    expect(openOn('resident', iphone('14_0'))).toBe('');
    expect(openOn('resident', iphone('16_3_1'))).toBe('');
    expect(openOn('main', iphone('15_0'))).toBe('');
    expect(
      openOn(
        'resident',
        'Mozilla/5.0 (Linux; Android 8.1.0; vivo Y71) AppleWebKit/537.36 Chrome/80.0 Mobile',
      ),
    ).toBe('');
  });

  test('the script parses on the phones it is for: plain ES5, not the floor the bundle check holds it to', () => {
    // The bundle check reads every built file at its page's floor (ES2020), but this one runs
    // exactly where that floor is not met: `?.`, `let` or an arrow here and it says nothing.
    expect(() => parse(script, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  test('nothing on the residents’ page blames WeChat’s version', () => {
    expect(pages.resident).not.toContain('更新微信');
  });
});
