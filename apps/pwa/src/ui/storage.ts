import { OFFLINE_MESSAGES } from './offline-support.ts';

// Without persistent storage the browser may evict IndexedDB under pressure — with the unsent
// answers in it. Ask for persistence and tell the user when it is refused or space is short.

export interface StorageHealth {
  readonly persisted: boolean | null;
  /** Bytes still free for this site, when the browser says. */
  readonly available: number | null;
  readonly warning: string | null;
}

const LOW_SPACE_BYTES = 50 * 1024 * 1024;

export async function checkStorage(
  storage: StorageManager | undefined = navigator.storage,
): Promise<StorageHealth> {
  if (!storage) {
    // Browsers hide the storage manager outside https: that, not the browser, is the cause.
    const warning =
      typeof window !== 'undefined' && window.isSecureContext === false
        ? OFFLINE_MESSAGES.insecure
        : '此浏览器不能申请持久存储，本机记录在空间紧张时可能被清除，请及时上传';
    return { persisted: null, available: null, warning };
  }
  let persisted: boolean | null = null;
  try {
    persisted = (await storage.persisted?.()) || ((await storage.persist?.()) ?? null);
  } catch {
    persisted = null;
  }
  let available: number | null = null;
  try {
    const estimate = await storage.estimate?.();
    if (estimate?.quota !== undefined && estimate.usage !== undefined) {
      available = estimate.quota - estimate.usage;
    }
  } catch {
    available = null;
  }
  const warnings: string[] = [];
  if (persisted === false)
    warnings.push('浏览器未允许持久存储，空间紧张时本机记录可能被清除，请及时上传');
  if (available !== null && available < LOW_SPACE_BYTES)
    warnings.push('手机存储空间不足，请清理空间并尽快上传');
  return { persisted, available, warning: warnings.length > 0 ? warnings.join('；') : null };
}
