/**
 * Large files are read and checked in slices with a yield to the event loop between them, so one
 * user's import never holds up other users' requests (等保 8.1.4 资源控制).
 */

/** Features handled between two yields (a few ms of work per slice). */
export const FEATURES_PER_SLICE = 200;

/** Lets pending I/O callbacks and timers run before the next slice of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Longest stretch of synchronous work between two yields, ms. */
export const SLICE_MS = 15;

/**
 * A pacer for a loop over features: `await pace()` on each step yields to the event loop once
 * SLICE_MS have passed since the last yield, whatever one step costs (a feature's checks range
 * from microseconds to milliseconds).
 */
export function makePacer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < SLICE_MS) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
