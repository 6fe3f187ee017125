import 'server-only';
import { createHash } from 'node:crypto';
import { filterNavigation, NAVIGATION, type NavItem } from '../navigation';
import type { ShellNavItem } from './menu-markup';

/** What the shell shows a holder of a permission set: the same for everyone holding that set. */
export interface ShellNav {
  /** Names the set (a hash of the sorted permission list) for the islands' markup cache. */
  key: string;
  nav: NavItem[];
  /** The tree as the islands need it (no permissions, no descriptions). */
  menu: ShellNavItem[];
}

/** Distinct permission sets are few (one per role combination); the bound only guards memory. */
const MAX_SETS = 200;

const bySet = new WeakMap<ReadonlySet<string>, ShellNav>();
const byKey = new Map<string, ShellNav>();

const compact = (items: NavItem[]): ShellNavItem[] =>
  items.map(({ key, title, path, icon, children }) => ({ key, title, ...(path ? { path } : {}), ...(icon ? { icon } : {}), ...(children ? { children: compact(children) } : {}) }));

/**
 * The shell for a permission set, built once per set: keyed by the sorted permission list, and
 * by the set object itself (the session check hands out one shared set per role combination, so
 * most requests do not even sort).
 */
export function shellNavFor(permissions: ReadonlySet<string>): ShellNav {
  const known = bySet.get(permissions);
  if (known) return known;
  const list = [...permissions].sort().join(',');
  let shell = byKey.get(list);
  if (!shell) {
    const nav = filterNavigation(NAVIGATION, { permissions });
    shell = { key: createHash('sha256').update(list).digest('base64url').slice(0, 12), nav, menu: compact(nav) };
    if (byKey.size >= MAX_SETS) byKey.clear();
    byKey.set(list, shell);
  }
  bySet.set(permissions, shell);
  return shell;
}
