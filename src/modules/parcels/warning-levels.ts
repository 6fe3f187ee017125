import 'server-only';
import type { Db } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { parcelDataKey } from './data-version';
import { readWarningLevels, type TWarningLevel } from './warning-facts';

/*
 * Every parcel's warning level today, kept per parcel data version and day (data-version.ts: it
 * moves with every audited change that can alter a warning, the warning limits included, and
 * ignores logins, funds and the like). Reading it costs one pass over the parcels in the warning
 * stages (~1.2 s at 100,000 parcels on the embedded database); the parcel list's warning filter
 * and the workbench's to-dos then take it from memory. Only the latest version is kept.
 * Process-wide on globalThis (every route bundle shares it).
 */

interface Kept {
  key: string;
  levels: Promise<Map<string, TWarningLevel>>;
}

const g = globalThis as unknown as { __lrWarningLevels?: { last: Kept | null } };
g.__lrWarningLevels ??= { last: null };
const cache = g.__lrWarningLevels;

/** Parcel id → 'red' | 'amber' for every parcel with a warning today. */
export async function parcelWarningLevels(db: Db, today: string = todayInShanghai()): Promise<ReadonlyMap<string, TWarningLevel>> {
  const key = `${await parcelDataKey(db)}:${today}`;
  if (cache.last?.key !== key) {
    const kept: Kept = { key, levels: readWarningLevels(db, today) };
    // A failed read must not stay cached.
    kept.levels.catch(() => {
      if (cache.last === kept) cache.last = null;
    });
    cache.last = kept;
  }
  return cache.last!.levels;
}

/** How many parcels carry a red and how many an amber warning today (the workbench to-dos). */
export async function countParcelWarnings(db: Db, today: string = todayInShanghai()): Promise<{ red: number; amber: number }> {
  const out = { red: 0, amber: 0 };
  for (const level of (await parcelWarningLevels(db, today)).values()) out[level]++;
  return out;
}
