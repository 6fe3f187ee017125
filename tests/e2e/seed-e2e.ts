/** Accounts used only by the e2e specs (so the lockout test locks nobody else). */
import { eq } from 'drizzle-orm';
import { openForScript, runScript } from '../../scripts/lib/cli';
import { roles, userRoles, users } from '../../src/platform/auth/schema';
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
});
