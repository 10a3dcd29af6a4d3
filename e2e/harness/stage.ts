import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommunityCoverageRow, CoverageAnswer } from '@jiuting/api-contract';
import { ApiClient } from './api.ts';
import { closeBrowsers } from './browser.ts';
import { BUILD_DIR } from './paths.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * One town per journey: its own server and database, and its own deployment directory (journey 4
 * deploys a new version into it). Nothing a journey does reaches another, so each can run alone
 * (`-t`) and one failure does not fail the ones after it.
 */
export interface Stage {
  readonly server: RunningServer;
  readonly admin: ApiClient;
  /** The directory the server serves the built PWA from; a journey may deploy into it. */
  readonly deployDir: string;
}

export async function openStage(): Promise<Stage> {
  const deployDir = mkdtempSync(join(tmpdir(), 'jiuting-deploy-'));
  cpSync(BUILD_DIR, deployDir, { recursive: true });
  const server = await startServer({ staticDir: deployDir });
  return { server, admin: await ApiClient.asAdmin(server.url), deployDir };
}

/** Ends the journey's browsers, server and directories, whether it passed or not. */
export async function closeStage(stage: Stage | undefined): Promise<void> {
  await closeBrowsers();
  await stage?.server.stop();
  if (stage) rmSync(stage.deployDir, { recursive: true, force: true });
}

/** A community's row of GET /api/coverage, as the admin reads it. */
export async function coverageOf(
  stage: Stage,
  code: string,
): Promise<CommunityCoverageRow | undefined> {
  const coverage = await stage.admin.request<CoverageAnswer>('GET', '/api/coverage');
  return coverage.communities.find((c) => c.code === code);
}
