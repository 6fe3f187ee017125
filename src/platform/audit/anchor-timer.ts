import type { Db } from '../db/client';
import { getConfig } from '../config';
import { getLogger } from '../logger';
import { advanceAnchor } from './anchor';

/**
 * The server moves the anchor to the chain head every AUDIT_ANCHOR_INTERVAL_MINUTES (default
 * 10), so an entry rewritten later than that after it was written is caught by audit:verify, not
 * only those older than the last nightly check. A chain that no longer matches keeps its old
 * anchor (advanceAnchor checks first) and is logged; audit:verify reports it with exit code 1.
 */
export function startAuditAnchoring(getDb: () => Promise<Db>): void {
  const minutes = getConfig().AUDIT_ANCHOR_INTERVAL_MINUTES;
  if (!minutes) return;
  let reported = false;
  const tick = async () => {
    try {
      const res = await advanceAnchor(await getDb());
      if (!res.ok && !reported) {
        reported = true;
        getLogger().error({ reason: res.reason }, 'audit chain does not match its anchor outside the database: run npm run audit:verify');
      }
    } catch (err) {
      getLogger().error({ err }, 'audit anchor could not be written');
    }
  };
  setTimeout(() => void tick(), 60_000).unref();
  setInterval(() => void tick(), minutes * 60_000).unref();
}
