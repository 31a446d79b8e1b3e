const POLL_MS = 50;

/**
 * Asks `done` every 50 ms until it says yes or `withinMs` has passed, then returns either way:
 * how admin writes wait for metadata that trails the controller to show them.
 */
export async function pollUntil(done: () => Promise<boolean>, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await done()) {
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
