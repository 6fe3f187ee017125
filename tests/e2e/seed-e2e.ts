/** Accounts used only by the e2e specs (so the lockout test locks nobody else). */
import { eq } from 'drizzle-orm';
import { openForScript, runScript } from '../../scripts/lib/cli';
import { roles, securityPolicy, userRoles, users } from '../../src/platform/auth/schema';
import { hashPassword } from '../../src/platform/crypto/sm';
import { E2E_USERS } from './accounts';

runScript('生成端到端测试账号', async () => {
  const { db } = await openForScript();
  for (const u of E2E_USERS) {
    const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, u.role));
    const [user] = await db
      .insert(users)
      .values({ username: u.username, displayName: u.displayName, passwordHash: await hashPassword(u.password, 1000) })
      .returning({ id: users.id });
    await db.insert(userRoles).values({ userId: user.id, roleId: role.id });
  }
  // Every spec's request comes from one address and the specs export, import and query the map in
  // quick succession: the rate limits are raised to their maximum here. They are tested on their own
  // in tests/integration/rate-limits.test.ts, and web-limits.spec.ts sets the export limit it tests.
  const raised: Record<string, string> = {
    'limits.exportPerMinute': '1000',
    'limits.exportPerMinuteIp': '10000',
    'limits.importPerMinute': '1000',
    'limits.importPerMinuteIp': '10000',
    'limits.apiPerMinute': '100000',
    'limits.apiPerMinuteIp': '1000000',
  };
  for (const [key, value] of Object.entries(raised)) await db.insert(securityPolicy).values({ key, value, updatedAt: new Date() });
});
