import { screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { renderWithApp } from '../../test/render.tsx';
import { loginHint, OFFLINE_MESSAGES, offlineSupport } from '../ui/offline-support.ts';
import { checkStorage } from '../ui/storage.ts';
import { LoginPage } from './LoginPage.tsx';

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.141 Mobile Safari/537.36';
const WECHAT_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN';

afterEach(() => vi.unstubAllGlobals());

describe('what the collectors’ app says about working offline', () => {
  test('promises offline use only where a service worker can run', () => {
    const facts = { isSecureContext: true, hasServiceWorker: true, userAgent: ANDROID_CHROME };
    expect(offlineSupport(facts)).toBe('ok');
    expect(loginHint('ok')).toContain('无信号时也能打开');
    for (const support of ['insecure', 'wechat', 'noServiceWorker'] as const) {
      expect(loginHint(support)).not.toContain('无信号时也能打开本应用');
    }
  });

  test('inside WeChat it says how to open the app in the phone’s browser and add it to the home screen', () => {
    const facts = { isSecureContext: true, hasServiceWorker: false, userAgent: WECHAT_IOS };
    expect(offlineSupport(facts)).toBe('wechat');
    expect(OFFLINE_MESSAGES.wechat).toContain('在浏览器打开');
    expect(OFFLINE_MESSAGES.wechat).toContain('添加到主屏幕');
  });

  test('over plain http it blames the missing https, not the browser’s storage', async () => {
    const facts = { isSecureContext: false, hasServiceWorker: true, userAgent: ANDROID_CHROME };
    expect(offlineSupport(facts)).toBe('insecure');
    vi.stubGlobal('isSecureContext', false);
    // Browsers hide navigator.storage outside https.
    const health = await checkStorage(undefined);
    expect(health.warning).toBe(OFFLINE_MESSAGES.insecure);
    expect(health.warning).toContain('https');
    expect(health.warning).not.toMatch(/不支持/);
  });

  test('the login page inside WeChat (no service worker) says how to open the app in the phone’s browser', () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      userAgent: WECHAT_IOS,
      serviceWorker: undefined,
    });
    renderWithApp(<LoginPage />);
    expect(screen.getByText(OFFLINE_MESSAGES.wechat)).toBeTruthy();
    expect(screen.queryByText(/无信号时也能打开本应用/)).toBeNull();
  });

  test('the login page over http says offline is off because the site is not on https', () => {
    vi.stubGlobal('isSecureContext', false);
    renderWithApp(<LoginPage />);
    expect(screen.getByText(OFFLINE_MESSAGES.insecure)).toBeTruthy();
    expect(screen.queryByText(/无信号时也能打开本应用/)).toBeNull();
  });
});
