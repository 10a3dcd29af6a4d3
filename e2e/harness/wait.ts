/** Polls a condition until it holds or the bound passes: journeys never sleep a fixed time. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'a condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
