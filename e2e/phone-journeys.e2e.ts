import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { ApiClient } from './harness/api.ts';
import { BUILD_DIR } from './harness/paths.ts';
import { startServer } from './harness/server.ts';
import type { Stage } from './harness/stage.ts';
import { canvasserOffline } from './journeys/1-canvasser-offline.ts';
import { serverKilledMidBatch } from './journeys/2-server-killed-mid-batch.ts';
import { draftSurvivesCrash } from './journeys/3-draft-survives-crash.ts';
import { draftKeptOnClose } from './journeys/3b-draft-kept-on-close.ts';
import { updateKeepsDraft } from './journeys/4-update-keeps-draft.ts';
import { residentQr } from './journeys/5-resident-qr.ts';
import { residentOnOlderBrowser } from './journeys/5b-resident-older-browser.ts';
import { coordinatorDashboard } from './journeys/6-coordinator-dashboard.ts';
import { lockHolderDies } from './journeys/7-lock-holder-dies.ts';
import { registerTwoLanes } from './journeys/8-register-two-lanes.ts';

// The journeys run in order against one town, so the coordinator's dashboard at the end shows
// what the canvassers and residents did before it.
let stage: Stage;

beforeAll(async () => {
  const deployDir = mkdtempSync(join(tmpdir(), 'jiuting-deploy-'));
  cpSync(BUILD_DIR, deployDir, { recursive: true });
  const server = await startServer({ staticDir: deployDir });
  stage = { server, admin: await ApiClient.asAdmin(server.url), deployDir, expected: new Map() };
});
afterAll(async () => {
  await stage?.server.stop();
  if (stage) rmSync(stage.deployDir, { recursive: true, force: true });
});

describe.sequential('a day in the town, on real browsers', () => {
  test('1. a survey filled with no signal survives closing the browser and syncs by itself when the network returns', () =>
    canvasserOffline(stage));
  test('2. the server killed while a batch of 50 is on its way ends with exactly 50 rows and nothing pending', () =>
    serverKilledMidBatch(stage));
  test('3. a half-filled survey is offered again after the page dies, and completes', () =>
    draftSurvivesCrash(stage));
  test('3b. closing the page right after the last tap, on a phone as old as the app’s floor, keeps every tap in the draft', () =>
    draftKeptOnClose(stage));
  test('4. a new version deployed under a half-filled form waits for consent, and the draft is intact after updating', () =>
    updateKeepsDraft(stage));
  test('5. a resident without service workers answers by QR code; a second answer from the household is a repeat', () =>
    residentQr(stage));
  test('5b. a resident on a browser as old as the page’s floor sees 已答 x/11, one message for what is missing, and submits', () =>
    residentOnOlderBrowser(stage));
  test('6. the coordinator’s dashboard on a desktop shows what journeys 1–5 collected', () =>
    coordinatorDashboard(stage));
  test('7. the tab holding the sync lock crashes mid-upload; the other tab sends everything within seconds', () =>
    lockHolderDies(stage));
  test('8. a register with two lanes and village houses: 100弄12号301室, 200弄12号301室 and 新姚村3组25号 are three households', () =>
    registerTwoLanes(stage));
});
