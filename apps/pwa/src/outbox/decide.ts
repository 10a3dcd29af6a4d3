import type { ApiOutcome } from '../api/client.ts';
import { isApiErrorBody, type SyncResult } from '../api/types.ts';
import type { ItemOutcome } from './store.ts';
import type { SendingItem } from './types.ts';

/**
 * What the engine does with the answer to one POST /api/sync. The decision table:
 *
 * | answer                                       | items                                 | engine            |
 * |----------------------------------------------|---------------------------------------|-------------------|
 * | 200, result `accepted` or `duplicate`        | synced                                | go on             |
 * | 200, result `rejected` or `conflict`         | rejected, reason kept, fixable        | go on             |
 * | 200, result `retry` (server failed that one) | back to queued, not resent this run   | go on, back off   |
 * | 200, an item missing from `results`          | back to queued                        | back off          |
 * | 401 (session gone)                           | back to queued, all kept              | stop, ask login   |
 * | 403 (forbidden / csrf)                       | back to queued, all kept              | stop, show reason |
 * | 429 (rate limited)                           | back to queued                        | back off          |
 * | 408, 413 or other 4xx, batch of several      | back to queued                        | halve the batch   |
 * | 408 (body too slow), batch of one            | back to queued                        | back off          |
 * | 413, batch of one                            | rejected: too large for the network   | go on             |
 * | other 4xx, batch of one                      | rejected with the server's reason     | go on             |
 * | 5xx, network failure, 2xx that is not JSON   | back to queued                        | back off          |
 *
 * A 4xx is permanent for the item it is about, never a reason to drop it; a 5xx, a per-item
 * `retry` or silence is temporary. A 4xx without a JSON body comes from something between the
 * phone and the server (a proxy's body limit answers 413 in HTML): it is about the request, so
 * the batch is split like any other 4xx rather than resent as it was forever. Nothing here
 * deletes anything.
 */
export type EngineStep = 'continue' | 'backoff' | 'needsLogin' | 'forbidden' | 'split';

export interface Decision {
  readonly outcomes: Map<string, ItemOutcome>;
  readonly step: EngineStep;
  readonly message?: string;
}

const RETRY: ItemOutcome = { kind: 'retry' };

function allRetry(batch: readonly SendingItem[]): Map<string, ItemOutcome> {
  return new Map(batch.map((item) => [item.id, RETRY]));
}

function isSyncResults(body: unknown): body is { results: SyncResult[] } {
  return (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as { results?: unknown }).results)
  );
}

export function decideSyncAnswer(batch: readonly SendingItem[], answer: ApiOutcome): Decision {
  if (answer.kind === 'network') return { outcomes: allRetry(batch), step: 'backoff' };
  const { status, body } = answer;
  const serverMessage = isApiErrorBody(body) ? body.message : undefined;

  if (status >= 200 && status < 300) {
    if (!isSyncResults(body)) return { outcomes: allRetry(batch), step: 'backoff' };
    const bySyncId = new Map(body.results.map((result) => [result.id, result]));
    const outcomes = new Map<string, ItemOutcome>();
    let missing = false;
    for (const item of batch) {
      const result = bySyncId.get(item.payload.id);
      if (result?.status === 'accepted' || result?.status === 'duplicate') {
        outcomes.set(
          item.id,
          result.repeat ? { kind: 'synced', repeat: true } : { kind: 'synced' },
        );
      } else if (result?.status === 'rejected' || result?.status === 'conflict') {
        outcomes.set(item.id, {
          kind: 'rejected',
          reason: {
            status: result.status,
            error: result.error?.error ?? result.status,
            message:
              result.error?.message ??
              (result.status === 'conflict' ? '服务器上已有同一编号的不同记录' : '服务器拒收'),
            ...(result.error?.issues ? { issues: result.error.issues } : {}),
          },
        });
      } else if (result?.status === 'retry') {
        // The server could not store this one item just now (its other items are stored).
        outcomes.set(item.id, RETRY);
      } else {
        missing = true;
        outcomes.set(item.id, RETRY);
      }
    }
    return { outcomes, step: missing ? 'backoff' : 'continue' };
  }
  if (status === 401) {
    return { outcomes: allRetry(batch), step: 'needsLogin', message: '登录已失效，请重新登录' };
  }
  if (status === 403) {
    return {
      outcomes: allRetry(batch),
      step: 'forbidden',
      message: serverMessage ?? '当前账号无权上传',
    };
  }
  if (status === 429 || status >= 500) {
    return { outcomes: allRetry(batch), step: 'backoff' };
  }
  // Any other 4xx is about the request's content (or its size). With several items we cannot
  // tell which one, so the batch is halved until the item it is about stands alone.
  if (batch.length > 1) return { outcomes: allRetry(batch), step: 'split' };
  // A 408 says the body came too slowly (a weak signal in a stairwell), not that it is wrong:
  // a smaller batch may pass, and a single item is tried again later, never rejected.
  if (status === 408) return { outcomes: allRetry(batch), step: 'backoff' };
  const only = batch[0];
  if (only === undefined) return { outcomes: new Map(), step: 'continue' };
  const reason = {
    status: 'rejected' as const,
    error: isApiErrorBody(body) ? body.error : `http_${status}`,
    message:
      serverMessage ??
      (status === 413
        ? '这条记录超过了网络允许的大小，无法上传；记录仍保存在本机，请导出文件交给考核专班'
        : `服务器拒收（${status}）；记录仍保存在本机`),
    ...(isApiErrorBody(body) && body.issues ? { issues: body.issues } : {}),
  };
  return { outcomes: new Map([[only.id, { kind: 'rejected', reason }]]), step: 'continue' };
}

/** Exponential backoff with full jitter: 5 s, 10 s, 20 s … up to 5 min, each scaled by 0.5–1. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = 5_000;
  const cap = 5 * 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
