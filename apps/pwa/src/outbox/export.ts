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

/** Every submitted item not yet synced (queued, sending, rejected), exactly as it would be sent. */
export async function buildOutboxExport(
  db: OutboxDatabase,
  exportedBy: string,
  now: number,
): Promise<OutboxExportFile> {
  const unsent = await db.items.where('state').anyOf('queued', 'sending', 'rejected').toArray();
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
