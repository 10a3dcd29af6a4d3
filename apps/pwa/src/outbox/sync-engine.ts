import { type ApiClient, pingServer } from '../api/client.ts';
import type { OutboxDatabase } from './db.ts';
import { backoffDelay, decideSyncAnswer } from './decide.ts';
import { newId } from './ids.ts';
import { applyOutcomes, claimBatch, purgeSynced } from './store.ts';

export type EnginePhase = 'idle' | 'syncing' | 'offline' | 'needsLogin' | 'forbidden' | 'stopped';

export interface EngineStatus {
  readonly phase: EnginePhase;
  readonly failures: number;
  readonly lastSyncAt?: number;
  readonly nextAttemptAt?: number;
  readonly message?: string;
}

export interface SyncEngineOptions {
  readonly db: OutboxDatabase;
  readonly api: ApiClient;
  readonly batchSize?: number;
  /** How long a claim holds; longer than any request may take (the client aborts at 30 s). */
  readonly leaseMs?: number;
  /** Web Locks; `null` to run without (tests prove the Dexie claim alone is enough). */
  readonly locks?: LockManager | null;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly engineId?: string;
  /** Where `online` and `visibilitychange` come from; none in tests that drive the engine. */
  readonly window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  readonly document?: Pick<
    Document,
    'addEventListener' | 'removeEventListener' | 'visibilityState'
  > | null;
}

const LOCK_NAME = 'jiuting-outbox-sync';

/**
 * Sends the outbox. Runs on start, on `online`, when the app becomes visible, on 立即同步 and
 * on a backoff timer after failures. Within one tab runs never overlap; across tabs a Web Lock
 * keeps to one sender where the browser has them, and the lease-claim in `claimBatch` makes
 * double sending impossible even where it does not.
 */
export class SyncEngine {
  readonly engineId: string;
  private readonly db: OutboxDatabase;
  private readonly api: ApiClient;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly locks: LockManager | null;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly win: SyncEngineOptions['window'];
  private readonly doc: SyncEngineOptions['document'];
  private status: EngineStatus = { phase: 'idle', failures: 0 };
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.api = options.api;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 90_000;
    this.locks =
      options.locks !== undefined
        ? options.locks
        : typeof navigator !== 'undefined' && navigator.locks
          ? navigator.locks
          : null;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.engineId = options.engineId ?? newId();
    this.win =
      options.window !== undefined ? options.window : typeof window !== 'undefined' ? window : null;
    this.doc =
      options.document !== undefined
        ? options.document
        : typeof document !== 'undefined'
          ? document
          : null;
  }

  getStatus = (): EngineStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.started) return;
    this.started = true;
    this.win?.addEventListener('online', this.onOnline);
    this.doc?.addEventListener('visibilitychange', this.onVisibility);
    void this.syncNow();
  }

  stop(): void {
    this.started = false;
    this.win?.removeEventListener('online', this.onOnline);
    this.doc?.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.timer);
    this.setStatus({ ...this.status, phase: 'stopped', nextAttemptAt: undefined });
  }

  /** 立即同步 and every trigger. Resolves when the outbox has been worked through once. */
  syncNow = (): Promise<void> => {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          try {
            await this.runWithLock();
          } catch (error) {
            // IndexedDB itself failed (quota, a browser bug): nothing was lost, try again later.
            console.error('sync run failed', error);
            this.fail('offline', '本机存储暂时不可用，稍后自动重试');
          }
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  };

  private onOnline = () => void this.syncNow();
  private onVisibility = () => {
    if (this.doc?.visibilityState === 'visible') void this.syncNow();
  };

  private async runWithLock(): Promise<void> {
    if (!this.locks) return this.drain();
    await this.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      // Another tab is sending; it will drain what this tab queued too.
      if (lock) await this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.setStatus({
      ...this.status,
      phase: 'syncing',
      nextAttemptAt: undefined,
      message: undefined,
    });
    // Purging needs no network: a phone offline for days still sheds answers synced days ago.
    await purgeSynced(this.db, this.now());
    if (!(await pingServer(this.api))) return this.fail('offline', '无法连接服务器，稍后自动重试');
    let oneByOne = false;
    for (;;) {
      const batch = await claimBatch(
        this.db,
        this.engineId,
        this.now(),
        this.leaseMs,
        oneByOne ? 1 : this.batchSize,
      );
      if (batch.length === 0) break;
      // The network call happens between two transactions, never inside one.
      const answer = await this.api.send('POST', '/api/sync', {
        items: batch.map((item) => item.payload),
      });
      const decision = decideSyncAnswer(batch, answer);
      await applyOutcomes(this.db, this.engineId, decision.outcomes, this.now());
      if (decision.step === 'backoff') return this.fail('offline', '上传失败，稍后自动重试');
      if (decision.step === 'needsLogin' || decision.step === 'forbidden') {
        this.setStatus({
          phase: decision.step,
          failures: this.status.failures,
          message: decision.message,
        });
        return;
      }
      if (decision.step === 'oneByOne') oneByOne = true;
    }
    this.setStatus({ phase: 'idle', failures: 0, lastSyncAt: this.now() });
    await this.watchForeignClaims();
  }

  /** Items another tab claimed and may never finish (it crashed): look again when its lease ends. */
  private async watchForeignClaims(): Promise<void> {
    const claimed = await this.db.items.where('state').equals('sending').toArray();
    if (claimed.length === 0 || !this.started) return;
    const firstExpiry = Math.min(...claimed.map((item) => item.leaseUntil ?? 0));
    const delay = Math.max(1_000, firstExpiry - this.now() + 1_000);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delay);
    this.setStatus({ ...this.status, nextAttemptAt: this.now() + delay });
  }

  private fail(phase: 'offline', message: string): void {
    const failures = this.status.failures + 1;
    const delay = backoffDelay(failures, this.random);
    this.setStatus({ ...this.status, phase, failures, message, nextAttemptAt: this.now() + delay });
    if (this.started) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.syncNow(), delay);
    }
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
