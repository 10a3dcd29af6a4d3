import type { Community } from '../api/types.ts';

// A canvasser works one community for days: a new form starts in the community of the last one.
const KEY = 'jiuting:lastCommunity';

export function defaultCommunity(communities: readonly Community[]): string {
  if (communities.length === 1) return communities[0]?.code ?? '';
  let last: string | null = null;
  try {
    last = localStorage.getItem(KEY);
  } catch {
    last = null;
  }
  return communities.some((c) => c.code === last) ? (last as string) : '';
}

export function rememberCommunity(code: string): void {
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // Not remembering only costs one tap next time.
  }
}
