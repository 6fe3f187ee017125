/** Accounts used only by the e2e specs (so the lockout test locks nobody else). */
import '../../scripts/lib/server-only-shim';
import { eq } from 'drizzle-orm';
import { openForScript, runScript } from '../../scripts/lib/cli';
import { departments, roles, securityPolicy, userRoles, users } from '../../src/platform/auth/schema';
import { flowDefinitions } from '../../src/platform/flow/schema';
import { defaultDocumentFlow } from '../../src/modules/documents/flows';
import { flowKindOf } from '../../src/modules/documents/constants';
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
  // 函 goes through 会签 by 财务科 after 核稿 (documents.spec.ts): configured as an administrator
  // would on /documents/settings, so the spec walks the whole 拟稿 → 核稿 → 会签 → 签发 → 用印 flow.
  const [finance] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'finance'));
  const [cwk] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'CWK'));
  if (finance && cwk) {
    const flow = await defaultDocumentFlow(db, '函');
    const review = flow.steps.findIndex((st) => st.key === 'review');
    flow.steps.splice(review + 1, 0, { key: 'countersign', name: '会签', roleId: finance.id, mode: 'countersign', departmentIds: [cwk.id], optional: true });
    const kind = flowKindOf('函');
    const [stored] = await db.select({ id: flowDefinitions.id }).from(flowDefinitions).where(eq(flowDefinitions.kind, kind));
    if (stored) await db.update(flowDefinitions).set({ steps: flow.steps, updatedByName: '端到端测试准备', updatedAt: new Date() }).where(eq(flowDefinitions.id, stored.id));
    else await db.insert(flowDefinitions).values({ kind, name: flow.name, steps: flow.steps, updatedByName: '端到端测试准备' });
  }
});
