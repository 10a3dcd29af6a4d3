import type { ServerHealth } from '../api/server-health.ts';

export interface PosterAddress {
  /** The origin every resident link and QR code is built from. */
  readonly origin: string;
  /** Why residents may not be able to open it; null when PUBLIC_URL is a proper https address. */
  readonly warning: string | null;
}

/**
 * Posters carry the server's PUBLIC_URL, not the address this browser happens to use (a poster
 * printed from http://127.0.0.1 would carry a QR code no resident can open). Without a usable
 * PUBLIC_URL the page's own origin is the fallback, and the warning says so.
 */
export function posterAddress(
  publicUrl: ServerHealth['publicUrl'] | undefined,
  pageOrigin: string,
): PosterAddress {
  if (publicUrl === undefined) {
    return {
      origin: pageOrigin,
      warning: `无法读取服务器的对外地址（PUBLIC_URL），二维码暂用当前地址 ${pageOrigin}：请确认居民能打开后再打印。`,
    };
  }
  const origin = publicUrl.url ?? pageOrigin;
  switch (publicUrl.problem) {
    case null:
      return { origin, warning: null };
    case 'missing':
      return {
        origin,
        warning: `服务器未设置对外地址（PUBLIC_URL），二维码暂用当前地址 ${origin}：居民可能打不开，请管理员设置 https 地址后再打印。`,
      };
    case 'localhost':
      return {
        origin,
        warning: `二维码地址 ${origin} 是本机地址，居民扫码打不开：请管理员把 PUBLIC_URL 设为对外的 https 地址后再打印。`,
      };
    case 'http':
      return {
        origin,
        warning: `二维码地址 ${origin} 不是 https：居民扫码可能被浏览器拦截，手机也无法离线使用；请管理员配置 https 后再打印。`,
      };
  }
}
