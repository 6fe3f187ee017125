import 'server-only';
import type { Db } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { countParcelWarnings } from '@/modules/parcels/queries';
import { tileDataVersion, tileDbKey } from '@/modules/map/tiles/version';

/*
 * The workbench's warning to-dos (红色/黄色预警地块), counted once per parcel data version and
 * day: the count reads every parcel in the warning stages (~0.6 s at 100,000 parcels on the
 * embedded database), and the workbench is the landing page. The data version is the one the
 * map tiles follow (map/tiles/version.ts): it moves with every audited change that can alter a
 * parcel's warnings (including the warning limits in the settings) and ignores logins, funds and
 * the like. Process-wide on globalThis, as the tile caches.
 */

interface Counted {
  key: string;
  counts: Promise<{ red: number; amber: number }>;
}

const g = globalThis as unknown as { __lrWarningCounts?: { last: Counted | null } };
g.__lrWarningCounts ??= { last: null };
const cache = g.__lrWarningCounts;

/** Parcels with a red and with an amber warning today. */
export async function parcelWarningTodos(db: Db, today: string = todayInShanghai()): Promise<{ red: number; amber: number }> {
  const key = `${tileDbKey(db)}:${await tileDataVersion(db)}:${today}`;
  if (cache.last?.key !== key) {
    const counted: Counted = { key, counts: countParcelWarnings(db, today) };
    // A failed count must not stay cached.
    counted.counts.catch(() => {
      if (cache.last === counted) cache.last = null;
    });
    cache.last = counted;
  }
  return cache.last!.counts;
}
