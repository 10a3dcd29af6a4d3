import type { ResidentValues } from './resident-values.ts';

// WeChat's in-app browser may have no IndexedDB, and its Web Storage may be missing, full or
// throw on every call (private mode, a locked-down webview). The page must still keep what a
// resident typed: every write goes to memory first and to the first Web Storage that works, and
// a throw only means "memory only from now on". Nothing here is ever the only copy of a sent answer:
// a draft is removed once the server has it.

/** One resident's answers on this phone for one QR link, and the id its submission carries. */
export interface ResidentDraft {
  readonly values: ResidentValues;
  /** Made once per questionnaire and reused on every retry, so a resend is a duplicate. */
  readonly id: string;
  /** Fixed at the first submit attempt: a retry must send byte-for-byte the same response. */
  readonly collectedAt: string | null;
  /** Set when the server has the response: a reload shows the thank-you page again. */
  readonly submitted?: { readonly repeat: boolean };
}

interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'jiuting-resident:';
/** A draft nobody came back to for a week is dropped: a shared phone keeps as little as it can. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function probe(get: () => KeyValue | undefined): KeyValue | null {
  try {
    const storage = get();
    if (!storage) return null;
    const key = `${PREFIX}probe`;
    storage.setItem(key, '1');
    storage.removeItem(key);
    return storage;
  } catch {
    return null;
  }
}

/** The first Web Storage that works here (local, then session), or null. */
export function findWebStorage(scope: {
  localStorage?: KeyValue;
  sessionStorage?: KeyValue;
}): KeyValue | null {
  return probe(() => scope.localStorage) ?? probe(() => scope.sessionStorage);
}

const memory = new Map<string, string>();

export class DraftStore {
  private storage: KeyValue | null;
  private readonly now: () => number;

  constructor(storage: KeyValue | null, now: () => number = Date.now) {
    this.storage = storage;
    this.now = now;
  }

  /** Which kind of keeping is in force (shown nowhere; tests and diagnostics read it). */
  get persistent(): boolean {
    return this.storage !== null;
  }

  load(token: string): ResidentDraft | null {
    const key = PREFIX + token;
    let text = memory.get(key) ?? null;
    if (text === null && this.storage) {
      try {
        text = this.storage.getItem(key);
      } catch {
        this.storage = null;
      }
    }
    if (text === null) return null;
    try {
      const stored = JSON.parse(text) as { savedAt?: number; draft?: ResidentDraft };
      if (!stored.draft || typeof stored.savedAt !== 'number') return null;
      if (this.now() - stored.savedAt > MAX_AGE_MS) {
        this.remove(token);
        return null;
      }
      return stored.draft;
    } catch {
      return null;
    }
  }

  save(token: string, draft: ResidentDraft): void {
    const key = PREFIX + token;
    const text = JSON.stringify({ savedAt: this.now(), draft });
    memory.set(key, text);
    if (!this.storage) return;
    try {
      this.storage.setItem(key, text);
    } catch {
      // Full or refused: memory keeps it for as long as the page is open.
      this.storage = null;
    }
  }

  remove(token: string): void {
    const key = PREFIX + token;
    memory.delete(key);
    try {
      this.storage?.removeItem(key);
    } catch {
      this.storage = null;
    }
  }
}

/** Forgets the in-memory copies (tests: a "reload" of the page). */
export function forgetMemoryDrafts(): void {
  memory.clear();
}
