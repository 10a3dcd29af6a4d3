import { afterEach, beforeEach, describe, inject, test } from 'vitest';
import { closeStage, openStage, type Stage } from './harness/stage.ts';
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

// Each journey gets a town of its own (server, database, deployment, browsers; see stage.ts),
// so any one runs alone (`-t '6\.'`) and a failure stops only its own journey. Without Chromium
// they are skipped, and global-setup.ts says so; under CI=true that is a failure instead.
const chromium = inject('chromium');
let stage: Stage | undefined;

const inTown = (journey: (stage: Stage) => Promise<void>) => () => {
  if (!stage) throw new Error('the journey’s town did not open');
  return journey(stage);
};

if (!chromium.run && chromium.required) {
  test('the browser journeys run (CI=true requires them)', () => {
    throw new Error(chromium.notice);
  });
}

describe.skipIf(!chromium.run)('a day in the town, on real browsers', () => {
  beforeEach(async () => {
    stage = await openStage();
  });
  afterEach(async () => {
    await closeStage(stage);
    stage = undefined;
  });

  test(
    '1. a survey filled with no signal survives closing the browser and syncs by itself when the network returns',
    inTown(canvasserOffline),
  );
  test(
    '2. the server killed while a batch of 50 is on its way ends with exactly 50 rows and nothing pending',
    inTown(serverKilledMidBatch),
  );
  test(
    '3. a half-filled survey is offered again after the page dies, and completes',
    inTown(draftSurvivesCrash),
  );
  test(
    '3b. closing the page right after the last tap, on a phone as old as the app’s floor, keeps every tap in the draft, and the finished survey is sent',
    inTown(draftKeptOnClose),
  );
  test(
    '4. a new version deployed under a half-filled form waits for consent, and the draft is intact after updating',
    inTown(updateKeepsDraft),
  );
  test(
    '5. a resident without service workers answers by QR code; a second answer from the household is a repeat',
    inTown(residentQr),
  );
  test(
    '5b. a resident on a browser as old as the page’s floor sees 已答 x/11, one message for what is missing, and submits',
    inTown(residentOnOlderBrowser),
  );
  test(
    '6. the coordinator’s dashboard on a desktop shows each community’s households and repeats and the town’s totals',
    inTown(coordinatorDashboard),
  );
  test(
    '7. the tab holding the sync lock crashes mid-upload; the other tab sends everything within seconds',
    inTown(lockHolderDies),
  );
  test(
    '8. a register with two lanes and village houses: 100弄12号301室, 200弄12号301室 and 新姚村3组25号 are three households',
    inTown(registerTwoLanes),
  );
});
