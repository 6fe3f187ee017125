import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, minutesLeft } from '../../src/platform/auth/lockout';

const policy = { maxFailures: 5, lockMinutes: 15 };
const now = new Date('2026-01-01T08:00:00Z');

describe('lockout rule', () => {
  it.each([
    [0, 1, 4, false],
    [3, 4, 1, false],
    [4, 0, 0, true],
  ])('after %i failures, one more gives %i counted, %i remaining, locked=%s', (failed, counted, remaining, locked) => {
    const next = afterFailure({ failedAttempts: failed, lockedUntil: null }, policy, now);
    expect(next.failedAttempts).toBe(counted);
    expect(next.remaining).toBe(remaining);
    expect(next.justLocked).toBe(locked);
    expect(next.lockedUntil?.toISOString() ?? null).toBe(locked ? '2026-01-01T08:15:00.000Z' : null);
  });

  it('starts counting afresh once a lock has expired', () => {
    const expired = new Date(now.getTime() - 1000);
    expect(afterFailure({ failedAttempts: 4, lockedUntil: expired }, policy, now)).toMatchObject({ failedAttempts: 1, justLocked: false });
  });

  it('respects a configured threshold and duration', () => {
    const next = afterFailure({ failedAttempts: 2, lockedUntil: null }, { maxFailures: 3, lockMinutes: 60 }, now);
    expect(next.justLocked).toBe(true);
    expect(next.lockedUntil?.toISOString()).toBe('2026-01-01T09:00:00.000Z');
  });

  it('tells whether a lock is in force and how long is left', () => {
    const until = new Date(now.getTime() + 14.2 * 60_000);
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(new Date(now.getTime() - 1), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
    expect(minutesLeft(until, now)).toBe(15);
  });
});
