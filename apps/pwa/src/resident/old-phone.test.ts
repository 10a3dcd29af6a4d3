import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BROWSER_FLOORS } from '../../build/browser-floors.ts';

// public/old-phone.js runs before the page's module on every phone; these run it on the page's
// own HTML with the user agents of iPhones on either side of the floor.
const html = readFileSync(join(import.meta.dirname, '..', '..', 'resident.html'), 'utf8');
const script = readFileSync(
  join(import.meta.dirname, '..', '..', 'public', 'old-phone.js'),
  'utf8',
);

function openOn(userAgent: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
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

describe('the residents’ page on a phone too old for it', () => {
  test('an iPhone below iOS 14 is told to update iOS or ask for a paper form, not to update WeChat', () => {
    const text = openOn(iphone('13_7'));
    expect(text).toContain('iOS 13.7');
    expect(text).toContain(`更新到 ${BROWSER_FLOORS.resident.safari} 或以上`);
    expect(text).toContain('纸质问卷');
    expect(text).not.toContain('更新微信');
    expect(document.getElementById('old-phone')?.getAttribute('role')).toBe('alert');
  });

  test('an iPhone at the floor, and any Android phone, see no such message', () => {
    expect(openOn(iphone('14_0'))).toBe('');
    expect(openOn(iphone('16_3_1'))).toBe('');
    expect(
      openOn('Mozilla/5.0 (Linux; Android 8.1.0; vivo Y71) AppleWebKit/537.36 Chrome/80.0 Mobile'),
    ).toBe('');
  });

  test('nothing on the page blames WeChat’s version', () => {
    expect(html).not.toContain('更新微信');
  });
});
