import type { Page } from 'playwright-core';

/**
 * Copies the one queued survey in the phone's outbox into `copies` more, each its own household,
 * the way a day of door-to-door work fills the queue without a signal.
 */
export async function fillQueue(page: Page, copies: number): Promise<void> {
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('jiuting-outbox');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('items', 'readwrite');
    const items = tx.objectStore('items');
    const all = await new Promise<Array<Record<string, unknown>>>((resolve) => {
      const request = items.getAll();
      request.onsuccess = () => resolve(request.result);
    });
    const queued = all.find((item) => item.state === 'queued');
    if (!queued) throw new Error('no queued survey to copy');
    for (let n = 1; n <= count; n += 1) {
      const id = crypto.randomUUID();
      const payload = queued.payload as Record<string, unknown>;
      items.put({
        ...queued,
        id,
        queuedAt: (queued.queuedAt as number) + n,
        payload: { ...payload, id, householdAddress: `${n + 100}号101室` },
      });
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
  }, copies);
}
