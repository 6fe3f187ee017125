/** Pure login-lockout rule: N consecutive wrong passwords lock the account for M minutes. */
export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return !!lockedUntil && lockedUntil.getTime() > now.getTime();
}

export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}

/** State after a wrong password; an expired lock starts a fresh count. */
export function afterFailure(
  state: { failedAttempts: number; lockedUntil: Date | null },
  policy: LockoutPolicy,
  now: Date,
): { failedAttempts: number; lockedUntil: Date | null; justLocked: boolean; remaining: number } {
  const base = state.lockedUntil && !isLocked(state.lockedUntil, now) ? 0 : state.failedAttempts;
  const failed = base + 1;
  if (failed >= policy.maxFailures) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000), justLocked: true, remaining: 0 };
  }
  return { failedAttempts: failed, lockedUntil: null, justLocked: false, remaining: policy.maxFailures - failed };
}
