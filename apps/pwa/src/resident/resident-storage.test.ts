import { beforeEach, describe, expect, it } from 'vitest';
import {
  DraftStore,
  findWebStorage,
  forgetMemoryDrafts,
  type ResidentDraft,
} from './resident-storage.ts';
import { emptyResidentValues } from './resident-values.ts';
import { tokenFromPath } from './token.ts';

function draft(building: string): ResidentDraft {
  return {
    values: { ...emptyResidentValues(), building },
    id: '6f1c2a52-7e36-4a4e-9a43-3b8b1f0b2c11',
    collectedAt: null,
  };
}

class MapStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const refusing = {
  getItem: () => null,
  setItem: () => {
    throw new DOMException('quota', 'QuotaExceededError');
  },
  removeItem: () => {},
};

beforeEach(() => forgetMemoryDrafts());

describe('where a resident draft is kept', () => {
  it('prefers localStorage, then sessionStorage, and takes neither when both refuse writes', () => {
    const local = new MapStorage();
    const session = new MapStorage();
    expect(findWebStorage({ localStorage: local, sessionStorage: session })).toBe(local);
    expect(findWebStorage({ localStorage: refusing, sessionStorage: session })).toBe(session);
    expect(findWebStorage({ localStorage: refusing, sessionStorage: refusing })).toBeNull();
    expect(findWebStorage({})).toBeNull();
  });

  it('survives a reload through Web Storage, one draft per QR link', () => {
    const storage = new MapStorage();
    new DraftStore(storage).save('tokenA', draft('12'));
    new DraftStore(storage).save('tokenB', draft('7'));
    forgetMemoryDrafts();
    const reopened = new DraftStore(storage);
    expect(reopened.load('tokenA')?.values.building).toBe('12');
    expect(reopened.load('tokenB')?.values.building).toBe('7');
    reopened.remove('tokenA');
    expect(new DraftStore(storage).load('tokenA')).toBeNull();
  });

  it('keeps the draft in memory once storage starts throwing (quota full)', () => {
    const storage = new MapStorage();
    const store = new DraftStore(storage);
    store.save('t', draft('1'));
    storage.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    store.save('t', draft('2'));
    expect(store.persistent).toBe(false);
    expect(store.load('t')?.values.building).toBe('2');
  });

  it('drops a draft nobody came back to within a week', () => {
    const storage = new MapStorage();
    let now = Date.UTC(2025, 10, 1);
    new DraftStore(storage, () => now).save('t', draft('9'));
    forgetMemoryDrafts();
    now += 6 * 24 * 60 * 60 * 1000;
    expect(new DraftStore(storage, () => now).load('t')?.values.building).toBe('9');
    forgetMemoryDrafts();
    now += 2 * 24 * 60 * 60 * 1000;
    expect(new DraftStore(storage, () => now).load('t')).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('ignores stored text that is not a draft', () => {
    const storage = new MapStorage();
    storage.setItem('jiuting-resident:t', '{not json');
    expect(new DraftStore(storage).load('t')).toBeNull();
  });
});

describe('the token in a QR link', () => {
  it('is read from /r/<token>, with or without a trailing slash, and nothing else', () => {
    expect(tokenFromPath('/r/Qv0AuynZKzt--YoWSxgoVg')).toBe('Qv0AuynZKzt--YoWSxgoVg');
    expect(tokenFromPath('/r/abc/')).toBe('abc');
    expect(tokenFromPath('/r/')).toBeNull();
    expect(tokenFromPath('/r/a/b')).toBeNull();
    expect(tokenFromPath('/survey/abc')).toBeNull();
    expect(tokenFromPath('/r/%E0%A4%A')).toBeNull();
  });
});
