import type { ApiClient } from './api.ts';
import type { RunningServer } from './server.ts';

/** What a community should show after the journeys so far: each journey adds what it did. */
export interface Expected {
  households: number;
  responses: number;
  repeats: number;
}

/**
 * One town for all the journeys: one server, one deployment directory, and a ledger of what each
 * journey collected, so the coordinator's journey can check the dashboard against all of it.
 */
export interface Stage {
  readonly server: RunningServer;
  readonly admin: ApiClient;
  /** The directory the server serves the built PWA from; a journey may deploy into it. */
  readonly deployDir: string;
  readonly expected: Map<string, Expected>;
}

export function record(stage: Stage, code: string, added: Partial<Expected>): void {
  const current = stage.expected.get(code) ?? { households: 0, responses: 0, repeats: 0 };
  stage.expected.set(code, {
    households: current.households + (added.households ?? 0),
    responses: current.responses + (added.responses ?? 0),
    repeats: current.repeats + (added.repeats ?? 0),
  });
}

export interface CoverageRow {
  code: string;
  surveyedHouseholds: number;
  totalHouseholds: number;
  responses: number;
  repeats: number;
}

export async function coverageOf(stage: Stage, code: string): Promise<CoverageRow | undefined> {
  const coverage = await stage.admin.request<{ communities: CoverageRow[] }>(
    'GET',
    '/api/coverage',
  );
  return coverage.communities.find((c) => c.code === code);
}
