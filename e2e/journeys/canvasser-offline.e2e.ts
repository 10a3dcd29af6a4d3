import { afterAll, beforeAll, expect, test } from 'vitest';
import { ApiClient } from '../harness/api.ts';
import { launchPhone, shot } from '../harness/browser.ts';
import {
  fillAddress,
  openNewSurvey,
  signIn,
  submitSurvey,
  TYPICAL_ANSWERS,
  tapAnswers,
  unsentCount,
  waitForUnsent,
  waitUntilInstalled,
} from '../harness/phone.ts';
import { type RunningServer, startServer } from '../harness/server.ts';
import { waitFor } from '../harness/wait.ts';

interface Coverage {
  communities: Array<{ code: string; surveyedHouseholds: number; responses: number }>;
}

let server: RunningServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startServer();
  admin = await ApiClient.asAdmin(server.url);
});
afterAll(async () => {
  await server?.stop();
});

async function surveyed(code: string): Promise<number> {
  const coverage = await admin.request<Coverage>('GET', '/api/coverage');
  return coverage.communities.find((c) => c.code === code)?.surveyedHouseholds ?? -1;
}

test('a survey filled with no signal survives closing the browser and syncs by itself when the network returns', async () => {
  const password = await admin.createStaff('canvasser01', 'canvasser', ['DEMO01']);
  const before = await surveyed('DEMO01');

  const first = await launchPhone();
  const page = first.context.pages()[0] ?? (await first.context.newPage());
  await page.goto(server.url);
  await signIn(page, 'canvasser01', password);
  await waitUntilInstalled(page);

  // The stairwell: no signal. The installed app still opens, signed in.
  await first.context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: '填写满意度问卷' }).waitFor();

  await openNewSurvey(page);
  await fillAddress(page, { building: '12', room: '301', answers: {} }, 'DEMO01');
  await expect.poll(() => page.getByTestId('household-key').textContent()).toBe('12号301室');
  await tapAnswers(page, TYPICAL_ANSWERS);
  await shot(page, 'journey1-survey-filled-offline');
  await submitSurvey(page);
  await waitForUnsent(page, 1, 10_000);
  await shot(page, 'journey1-saved-offline');

  // The phone is put away: the browser closes and reopens, still without signal.
  await first.context.close();
  const second = await launchPhone(first.userDataDir, { offline: true });
  const again = second.context.pages()[0] ?? (await second.context.newPage());
  await again.goto(server.url);
  await again.getByTestId('unsent-count').waitFor();
  expect(await unsentCount(again)).toBe(1);
  expect(await surveyed('DEMO01')).toBe(before);

  // Signal returns: nobody taps anything, and the queue empties.
  await second.context.setOffline(false);
  await waitForUnsent(again, 0, 90_000);
  await shot(again, 'journey1-synced');
  await waitFor(async () => (await surveyed('DEMO01')) === before + 1, {
    what: 'the coverage to count the new household',
  });
  await second.context.close();
});
