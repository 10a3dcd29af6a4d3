// Whether this browser can give the collectors' app what "works with no signal" needs: a
// service worker (to open without a network) and persistent storage. Both exist only in a secure
// context (https, or localhost), and WeChat's in-app browser on iOS has no service worker at all.
// Each reason has its own remedy, so each gets its own sentence; none blames "the browser's storage".

export type OfflineSupport = 'ok' | 'insecure' | 'wechat' | 'noServiceWorker';

export interface BrowserFacts {
  readonly isSecureContext: boolean;
  readonly hasServiceWorker: boolean;
  readonly userAgent: string;
}

export function browserFacts(): BrowserFacts {
  return {
    isSecureContext: window.isSecureContext !== false,
    hasServiceWorker: 'serviceWorker' in navigator && navigator.serviceWorker !== undefined,
    userAgent: navigator.userAgent,
  };
}

export function offlineSupport(facts: BrowserFacts = browserFacts()): OfflineSupport {
  if (!facts.isSecureContext) return 'insecure';
  if (facts.hasServiceWorker) return 'ok';
  return /MicroMessenger/i.test(facts.userAgent) ? 'wechat' : 'noServiceWorker';
}

export const OFFLINE_MESSAGES: Record<Exclude<OfflineSupport, 'ok'>, string> = {
  insecure:
    '本站网址不是 https:// 开头，浏览器因此关闭了离线功能：没有信号时打不开本应用，本机记录在空间紧张时也可能被清除。请在有信号时使用并及时上传，并请专班改用 https 网址。',
  wechat:
    '在微信里打开时不能离线使用。请点右上角“···”，选“在浏览器打开”，再在浏览器菜单里选“添加到主屏幕”；以后从桌面图标打开，没有信号也能填写。',
  noServiceWorker:
    '这个浏览器不能离线使用本应用。请用手机自带的浏览器（Safari 或 Chrome）打开，并“添加到主屏幕”；以后从桌面图标打开，没有信号也能填写。',
};

/** The sentence under the login button: the offline promise only where it holds. */
export function loginHint(support: OfflineSupport = offlineSupport()): string {
  return support === 'ok'
    ? '登录一次后，无信号时也能打开本应用并填写问卷。'
    : OFFLINE_MESSAGES[support];
}
