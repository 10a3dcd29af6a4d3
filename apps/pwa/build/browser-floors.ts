// The oldest browsers each page must open on. The residents' page is scanned from WeChat and
// whatever phone a resident carries (WeChat on iOS uses the system WebKit; iPhone 6s/7/SE stop at
// iOS 15, many stopped updating at 14); the collectors' app runs on the phones the town hands
// out or canvassers own, and needs service workers and IndexedDB that hold up.
// vite.config.ts builds for these and e2e/bundle-targets.e2e.ts checks every built file against
// them; Safari's figure stands for iOS Safari and every in-app browser on iOS.

export interface BrowserFloor {
  readonly chrome: number;
  readonly safari: number;
}

export const BROWSER_FLOORS = {
  /** resident.html */
  resident: { chrome: 80, safari: 14 },
  /** index.html, its lazy screens and the service worker */
  main: { chrome: 87, safari: 15 },
} as const satisfies Record<string, BrowserFloor>;

export type PageName = keyof typeof BROWSER_FLOORS;

/** The floor that satisfies every one of the given floors (a chunk shared by several pages). */
export function lowestFloor(floors: readonly BrowserFloor[]): BrowserFloor {
  return {
    chrome: Math.min(...floors.map((f) => f.chrome)),
    safari: Math.min(...floors.map((f) => f.safari)),
  };
}

/** Vite's `build.target` for a floor: Chrome, Safari, and iOS (its own name for the same WebKit). */
export function viteTargets(floor: BrowserFloor): string[] {
  return [`chrome${floor.chrome}`, `safari${floor.safari}`, `ios${floor.safari}`];
}
