import type { BrowserContext } from 'playwright-core';

// What browsers added after each page's floor (apps/pwa/build/browser-floors.ts), by the first
// Chrome version that has it. A journey deletes them before any page script runs, so code that
// still needs one fails here as it would on the phones at the floor; syntax is the bundle
// check's part (e2e/bundle-targets.e2e.ts).
const NEWER_APIS: readonly (readonly [path: string, chrome: number])[] = [
  ['WeakRef', 84],
  ['FinalizationRegistry', 84],
  ['AggregateError', 85],
  ['Promise.any', 85],
  ['String.prototype.replaceAll', 85],
  ['Element.prototype.replaceChildren', 86],
  ['Array.prototype.at', 92],
  ['String.prototype.at', 92],
  ['Crypto.prototype.randomUUID', 92],
  ['Object.hasOwn', 93],
  ['Array.prototype.findLast', 97],
  ['Array.prototype.findLastIndex', 97],
  ['structuredClone', 98],
  ['AbortSignal.timeout', 103],
  ['Array.prototype.toSorted', 110],
  ['Object.groupBy', 117],
  ['Promise.withResolvers', 119],
];

/** The paths of everything newer than a Chrome version. */
export function apisNewerThan(chrome: number): string[] {
  return NEWER_APIS.filter(([, since]) => since > chrome).map(([path]) => path);
}

/** Makes every page of the context lack the given globals and methods, from its first script. */
export async function withoutApis(
  context: BrowserContext,
  paths: readonly string[],
): Promise<void> {
  await context.addInitScript((paths: readonly string[]) => {
    for (const path of paths) {
      const parts = path.split('.');
      const key = parts.pop() as string;
      let owner: unknown = globalThis;
      for (const part of parts) owner = (owner as Record<string, unknown> | undefined)?.[part];
      if (owner) delete (owner as Record<string, unknown>)[key];
    }
  }, paths);
}
