/**
 * The one way tests wait for something that has no event of its own (a process gone, a
 * file written, a row drawn): check `condition` until it holds, and fail with a sentence
 * naming `what` after `timeoutMs`. Checks every `pollMs`, a check not a sleep: the test
 * goes on as soon as the condition holds.
 */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  pollMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
