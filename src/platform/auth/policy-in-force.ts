import type { Db, Tx } from '../db/client';
import type { TPasswordRules } from './password-policy';
import { getSecurityPolicy, type TSecurityPolicy } from './security-policy';

/**
 * The security policy as the checks read it. Login attempts and password changes read the table
 * each time (rare, and a change must hold at the very next attempt); the per-request session
 * check reads it through a cache of a few seconds per process, so a change made on one instance
 * is in force on every instance within POLICY_CACHE_MS, without a query on every page.
 */
export const POLICY_CACHE_MS = 5_000;

const cacheKey = Symbol.for('lr.securityPolicyCache');
type Cache = WeakMap<object, { at: number; policy: Promise<TSecurityPolicy> }>;
const cache: Cache = ((globalThis as Record<symbol, Cache>)[cacheKey] ??= new WeakMap());

export function getSecurityPolicyCached(db: Db, now = Date.now()): Promise<TSecurityPolicy> {
  const hit = cache.get(db);
  if (hit && now - hit.at >= 0 && now - hit.at < POLICY_CACHE_MS) return hit.policy;
  const policy = getSecurityPolicy(db);
  cache.set(db, { at: now, policy });
  // A failed read is not kept: the next request tries again.
  policy.catch(() => cache.delete(db));
  return policy;
}

/** After a change on this instance: its own next request reads the new values at once. */
export function forgetCachedSecurityPolicy(db: Db): void {
  cache.delete(db);
}

export function passwordRulesOf(p: TSecurityPolicy): TPasswordRules {
  return { minLength: p['password.minLength'], minClasses: p['password.minClasses'] };
}

export async function getPasswordRules(db: Db | Tx): Promise<TPasswordRules> {
  return passwordRulesOf(await getSecurityPolicy(db));
}
