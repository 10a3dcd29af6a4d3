import type { SyncItem } from '@jiuting/questionnaire';
import type { OutboxDatabase } from './db.ts';

/** The file a canvasser saves when sync is impossible; a coordinator loads it via POST /api/outbox-import. */
export interface OutboxExportFile {
  readonly format: 'jiuting-outbox';
  readonly version: 1;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly items: SyncItem[];
}

/**
 * Every submitted item of one collector not yet synced (queued, sending, rejected), exactly as it
 * would be sent. `exportedBy` names that collector, whoever presses the button (a coordinator
 * handing over another person's items from a shared phone): the server credits the file's items
 * to the person it names.
 */
export async function buildOutboxExport(
  db: OutboxDatabase,
  exportedBy: string,
  now: number,
): Promise<OutboxExportFile> {
  const unsent = await db.items
    .where('state')
    .anyOf('queued', 'sending', 'rejected')
    .filter((item) => item.collectedBy === exportedBy)
    .toArray();
  unsent.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0));
  return {
    format: 'jiuting-outbox',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    exportedBy,
    items: unsent.flatMap((item) => (item.payload ? [item.payload] : [])),
  };
}

/** Offers the file for download; the items stay in the outbox (the file is a copy, not a move). */
export function downloadJson(file: OutboxExportFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `jiuting-outbox-${file.exportedBy}-${file.exportedAt.slice(0, 19).replace(/[:T]/g, '')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** How many unsent items each other person left on this phone (names and counts only). */
export async function unsentOfOthers(
  db: OutboxDatabase,
  collector: string,
): Promise<Array<{ readonly collector: string; readonly count: number }>> {
  const counts = new Map<string, number>();
  await db.items
    .where('state')
    .anyOf('queued', 'sending', 'rejected')
    .each((item) => {
      if (item.collectedBy && item.collectedBy !== collector) {
        counts.set(item.collectedBy, (counts.get(item.collectedBy) ?? 0) + 1);
      }
    });
  return [...counts]
    .map(([name, count]) => ({ collector: name, count }))
    .sort((a, b) => (a.collector < b.collector ? -1 : 1));
}
