/**
 * Runs once when the server starts (Next's instrumentation hook), in the Node.js runtime only,
 * before the first request is served. Checks the environment (the process exits on a wrong one),
 * installs the hook that tells the app which machine connected (audited client addresses), and
 * starts the parcel-tile warmer: the battle map's low-zoom overview is built at start-up and after
 * each change, so the first leader to open /map does not wait for it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareServerProcess } = await import('@/platform/startup');
  prepareServerProcess();
  const [{ getDb }, { startTileWarmer }, { startAuditAnchoring }] = await Promise.all([
    import('@/platform/db'),
    import('@/modules/map/tiles/service'),
    import('@/platform/audit/anchor-timer'),
  ]);
  startTileWarmer(getDb);
  // 安全审计: the audit chain head, signed with HMAC-SM3, kept outside the database.
  startAuditAnchoring(getDb);
}
