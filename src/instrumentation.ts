/**
 * Runs once when the server starts (Next's instrumentation hook), in the Node.js runtime only.
 * Starts the parcel-tile warmer: the battle map's low-zoom overview is built at start-up and
 * after each change, so the first leader to open /map does not wait for it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ getDb }, { startTileWarmer }] = await Promise.all([import('@/platform/db'), import('@/modules/map/tiles/service')]);
  startTileWarmer(getDb);
}
