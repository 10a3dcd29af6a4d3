import { type ApiClient, pingServer } from '../api/client.ts';
import type { OutboxDatabase } from './db.ts';
import { backoffDelay, decideSyncAnswer } from './decide.ts';
import { newId } from './ids.ts';
import {
  applyOutcomes,
  applyOutcomesAndClaim,
  claimBatch,
  payloadBytes,
  purgeSynced,
  releaseClaims,
} from './store.ts';

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
  /** A cap on a batch's JSON size, below the body limits of proxies on the way (nginx: 1 MB). */
  readonly maxBatchBytes?: number;
  /** How long a claim holds; longer than any request may take (the client aborts at 30 s). */
  readonly leaseMs?: number;
  /** Web Locks; `null` to run without (tests prove the Dexie claim alone is enough). */
  readonly locks?: LockManager | null;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly engineId?: string;
  /** Where `online` and `pagehide` come from; none in tests that drive the engine. */
  readonly window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  readonly document?: Pick<
    Document,
    'addEventListener' | 'removeEventListener' | 'visibilityState'
  > | null;
}

const LOCK_NAME = 'jiuting-outbox-sync';
export const MAX_BATCH_BYTES = 256 * 1024;
/**
 * Items per POST /api/sync (the server takes 1–500). Every batch costs a request, a server
 * transaction with its fsync and an IndexedDB transaction with its live queries whatever its
 * size: 250 drains a long queue with a quarter fewer CPU seconds in the browser than 100 did
 * (BENCHMARKS.md, "Outbox drain"), while a request holds the server's event loop half as long as
 * the server's own limit would, and a batch lost on a weak signal is not too much to send again.
 * MAX_BATCH_BYTES still caps long interviews.
 */
export const DEFAULT_BATCH_SIZE = 250;

type Identity =
  | { readonly kind: 'user'; readonly username: string }
  | { readonly kind: 'needsLogin' }
  | { readonly kind: 'offline' };

/**
 * Sends the outbox. Runs on start, on `online`, when the app becomes visible, on 立即同步 and
 * on a backoff timer after failures. Within one tab runs never overlap; across tabs a Web Lock
 * keeps to one sender where the browser has them (and is then the claim itself, kept in memory),
 * and the lease-claim written by `claimBatch` makes double sending impossible where it does not.
 *
 * Each run sends only the items of the person the server says the session belongs to (asked
 * at the start of the run), so on a shared phone one person's items never go out under
 * another's session; theirs wait for them to sign in again.
 */
export class SyncEngine {
  readonly engineId: string;
  private readonly db: OutboxDatabase;
  private readonly api: ApiClient;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  /**
   * Below the smallest batch a proxy refused with 413 (its payload bytes), for this page's life:
   * a proxy's limit does not move, so later runs go at once in batches that pass instead of
   * uploading a refused body first every time.
   */
  private refusedBytesCeiling = Number.POSITIVE_INFINITY;
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
  private wakeAt: number | undefined;
  private started = false;
  /** Set by `stop()` and `pagehide`: a run under way sends no further batch. */
  private paused = false;
  private lockWait: AbortController | null = null;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.api = options.api;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.maxBatchBytes = options.maxBatchBytes ?? MAX_BATCH_BYTES;
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
    this.paused = false;
    this.win?.addEventListener('online', this.onOnline);
    this.win?.addEventListener('pagehide', this.onPageHide);
    this.win?.addEventListener('pageshow', this.onPageShow);
    this.doc?.addEventListener('visibilitychange', this.onVisibility);
    void this.syncNow();
  }

  /** Stops sending and gives this tab's claims back, so another tab sends them at once. */
  stop(): Promise<void> {
    this.started = false;
    this.win?.removeEventListener('online', this.onOnline);
    this.win?.removeEventListener('pagehide', this.onPageHide);
    this.win?.removeEventListener('pageshow', this.onPageShow);
    this.doc?.removeEventListener('visibilitychange', this.onVisibility);
    const released = this.pause();
    this.setStatus({ ...this.status, phase: 'stopped', nextAttemptAt: undefined });
    return released;
  }

  /** 立即同步 and every trigger. Resolves when the outbox has been worked through once. */
  syncNow = (): Promise<void> => {
    this.clearWake();
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
        } while (this.again && !this.paused);
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
  // The tab is closing or going into the back-forward cache: hand its claims back now rather
  // than leave them to a 90 s lease. If it comes back from the cache it picks up again.
  private onPageHide = () => void this.pause();
  private onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted && this.started) {
      this.paused = false;
      void this.syncNow();
    }
  };

  private pause(): Promise<void> {
    this.paused = true;
    this.lockWait?.abort();
    this.clearWake();
    return releaseClaims(this.db, this.engineId).then(
      () => undefined,
      (error) => console.error('releasing claims failed', error),
    );
  }

  private async runWithLock(): Promise<void> {
    this.paused = false;
    if (!this.locks) return this.drain(false);
    const wait = new AbortController();
    this.lockWait = wait;
    try {
      // Wait while another tab sends instead of giving up: when it is done, or dies and the
      // browser frees its lock, this tab goes on at once and sends what is left.
      await this.locks.request(LOCK_NAME, { signal: wait.signal }, () => this.drain(true));
    } catch (error) {
      if (!wait.signal.aborted) throw error;
    } finally {
      if (this.lockWait === wait) this.lockWait = null;
    }
  }

  /** `locked`: this tab holds the Web Lock, so any other engine's claim is a dead tab's. */
  private async drain(locked: boolean): Promise<void> {
    try {
      await this.sendAll(locked);
    } finally {
      await this.watchForeignClaims();
    }
  }

  private async sendAll(locked: boolean): Promise<void> {
    this.setStatus({
      ...this.status,
      phase: 'syncing',
      nextAttemptAt: undefined,
      message: undefined,
    });
    // Purging needs no network: a phone offline for days still sheds answers synced days ago.
    await purgeSynced(this.db, this.now());
    if (!(await pingServer(this.api))) return this.fail('offline', '无法连接服务器，稍后自动重试');
    const pending = await this.db.items.where('state').anyOf('queued', 'sending').count();
    if (pending > 0) {
      const identity = await this.whoIsSignedIn();
      if (identity.kind === 'offline') return this.fail('offline', '无法连接服务器，稍后自动重试');
      if (identity.kind === 'needsLogin') {
        this.setStatus({
          phase: 'needsLogin',
          failures: this.status.failures,
          message: '登录已失效，请重新登录',
        });
        return;
      }
      let limit = this.batchSize;
      // Items the server asked to have again later: not resent in this run.
      const deferred = new Set<string>();
      const claimOptions = () => ({
        collector: identity.username,
        maxBytes: Math.min(this.maxBatchBytes, this.refusedBytesCeiling),
        exclude: deferred,
        takeOverClaims: locked,
        // Holding the Web Lock, the lock is the claim: nothing else sends until it is released.
        inMemory: locked,
      });
      let batch = this.paused
        ? []
        : await claimBatch(this.db, this.engineId, this.now(), this.leaseMs, limit, claimOptions());
      while (batch.length > 0) {
        // The network call happens between two transactions, never inside one.
        const answer = await this.api.send('POST', '/api/sync', {
          items: batch.map((item) => item.payload),
        });
        const decision = decideSyncAnswer(batch, answer);
        if (decision.step === 'continue' && !this.paused) {
          for (const [id, outcome] of decision.outcomes) {
            if (outcome.kind === 'retry') deferred.add(id);
          }
          // Back towards full batches once a batch passes: after a split has set one item
          // aside, the rest of a long queue must not go one request per item.
          limit = Math.min(this.batchSize, limit * 2);
          // A batch went through: record it and claim the next in one transaction.
          batch = await applyOutcomesAndClaim(
            this.db,
            this.engineId,
            decision.outcomes,
            this.now(),
            this.leaseMs,
            limit,
            claimOptions(),
          );
          continue;
        }
        await applyOutcomes(this.db, this.engineId, decision.outcomes, this.now(), locked);
        if (this.paused) break;
        if (decision.step === 'backoff') return this.fail('offline', '上传失败，稍后自动重试');
        if (decision.step === 'needsLogin' || decision.step === 'forbidden') {
          this.setStatus({
            phase: decision.step,
            failures: this.status.failures,
            message: decision.message,
          });
          return;
        }
        // 'split': the same items again, fewer at a time.
        if (answer.kind === 'response' && answer.status === 413) {
          const refused = batch.reduce((sum, item) => sum + payloadBytes(item.payload), 0);
          this.refusedBytesCeiling = Math.min(this.refusedBytesCeiling, refused - 1);
        }
        limit = Math.max(1, Math.floor(batch.length / 2));
        batch = await claimBatch(
          this.db,
          this.engineId,
          this.now(),
          this.leaseMs,
          limit,
          claimOptions(),
        );
      }
      // Stopped half-way (the tab is closing): its status stays `stopped`.
      if (this.paused) return;
      if (deferred.size > 0) {
        return this.fail('offline', `${deferred.size} 条记录服务器暂未保存，稍后自动重试`);
      }
    }
    this.setStatus({ phase: 'idle', failures: 0, lastSyncAt: this.now() });
  }

  /** Asks the server whose session this is: only that person's items are sent under it. */
  private async whoIsSignedIn(): Promise<Identity> {
    const outcome = await this.api.send('GET', '/api/me');
    if (outcome.kind === 'response' && outcome.status === 401) return { kind: 'needsLogin' };
    const user =
      outcome.kind === 'response' && outcome.status === 200
        ? (outcome.body as { user?: { username?: unknown } } | null)?.user
        : undefined;
    return typeof user?.username === 'string'
      ? { kind: 'user', username: user.username }
      : { kind: 'offline' };
  }

  /**
   * Items another tab claimed and may never finish (it died without a Web Lock to show it):
   * look again when its lease ends, whether or not this run went well. A lease already over is
   * nothing to wait for: this run could have taken it, and did not because the phone is offline,
   * the session is gone or the item is another person's. Waking for it would ask the server
   * every second instead of backing off.
   */
  private async watchForeignClaims(): Promise<void> {
    const now = this.now();
    const claimed = await this.db.items
      .where('state')
      .equals('sending')
      .filter((item) => item.claimedBy !== this.engineId && (item.leaseUntil ?? 0) > now)
      .toArray();
    if (claimed.length === 0) return;
    const firstExpiry = Math.min(...claimed.map((item) => item.leaseUntil ?? 0));
    this.wakeAtOrBefore(firstExpiry + 1_000);
  }

  private fail(phase: 'offline', message: string): void {
    const failures = this.status.failures + 1;
    const at = this.now() + backoffDelay(failures, this.random);
    this.setStatus({ ...this.status, phase, failures, message, nextAttemptAt: at });
    this.wakeAtOrBefore(at);
  }

  /** One timer for every reason to run again; the earliest wins. */
  private wakeAtOrBefore(at: number): void {
    if (!this.started || this.paused) return;
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(
      () => {
        this.wakeAt = undefined;
        void this.syncNow();
      },
      Math.max(0, at - this.now()),
    );
    if (this.status.nextAttemptAt === undefined || at < this.status.nextAttemptAt) {
      this.setStatus({ ...this.status, nextAttemptAt: at });
    }
  }

  private clearWake(): void {
    clearTimeout(this.timer);
    this.wakeAt = undefined;
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
