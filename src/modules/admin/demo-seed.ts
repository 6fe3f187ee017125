import { eq } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { departments, roles, userRoles, users } from '@/platform/auth/schema';
import { hashPassword } from '@/platform/crypto/sm';
import { getConfig } from '@/platform/config';
import { appendAudit } from '@/platform/audit/write';

/** Demo organisation of 益阳市土地储备发展中心 and one demo user per built-in role (演示数据). */
export const DEMO_CENTRE = { code: 'YYTDCB', name: '益阳市土地储备发展中心' };

export const DEMO_DEPARTMENTS = [
  { code: 'ZHK', name: '综合科' },
  { code: 'JHK', name: '计划科' },
  { code: 'SCK', name: '收储科' },
  { code: 'KFK', name: '开发科' },
  { code: 'GYK', name: '供应科' },
  { code: 'CWK', name: '财务科' },
  { code: 'DAS', name: '档案室' },
];

export const DEMO_USERS = [
  { username: 'sysadmin', displayName: '周系统（演示）', role: 'sysadmin', dept: 'ZHK' },
  { username: 'secadmin', displayName: '吴安全（演示）', role: 'secadmin', dept: 'ZHK' },
  { username: 'auditadmin', displayName: '郑审计管理（演示）', role: 'auditadmin', dept: 'ZHK' },
  { username: 'clerk', displayName: '王经办（演示）', role: 'clerk', dept: 'SCK' },
  { username: 'chief', displayName: '李科长（演示）', role: 'chief', dept: 'SCK' },
  { username: 'leader', displayName: '张主任（演示）', role: 'leader', dept: null },
  { username: 'finance', displayName: '刘财务（演示）', role: 'finance', dept: 'CWK' },
  { username: 'finance2', displayName: '赵会计（演示）', role: 'finance', dept: 'CWK' },
  { username: 'archivist', displayName: '陈档案（演示）', role: 'archivist', dept: 'DAS' },
  { username: 'auditor', displayName: '杨审计（演示）', role: 'auditor', dept: 'ZHK' },
] as const;

/** Creates what is missing; running it twice changes nothing. */
export async function seedFoundationDemo(db: Db): Promise<{ departments: number; users: number }> {
  const cfg = getConfig();
  const passwordHash = await hashPassword(cfg.DEMO_PASSWORD, cfg.PASSWORD_ITERATIONS);
  let deptCount = 0;
  let userCount = 0;
  await db.transaction(async (tx) => {
    const byCode = new Map(
      (await tx.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]),
    );
    let centreId = byCode.get(DEMO_CENTRE.code);
    if (!centreId) {
      [{ id: centreId }] = await tx
        .insert(departments)
        .values({ code: DEMO_CENTRE.code, name: DEMO_CENTRE.name, sortOrder: 0, isDemo: true })
        .returning({ id: departments.id });
      byCode.set(DEMO_CENTRE.code, centreId);
      deptCount++;
    }
    for (const [i, d] of DEMO_DEPARTMENTS.entries()) {
      if (byCode.has(d.code)) continue;
      const [row] = await tx
        .insert(departments)
        .values({ code: d.code, name: d.name, parentId: centreId, sortOrder: (i + 1) * 10, isDemo: true })
        .returning({ id: departments.id });
      byCode.set(d.code, row.id);
      deptCount++;
    }
    const roleIds = new Map((await tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]));
    for (const u of DEMO_USERS) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      if (exists) continue;
      const roleId = roleIds.get(u.role);
      if (!roleId) throw new Error(`built-in role ${u.role} missing: run the permission sync first`);
      const [row] = await tx
        .insert(users)
        .values({
          username: u.username,
          displayName: u.displayName,
          departmentId: byCode.get(u.dept ?? DEMO_CENTRE.code) ?? null,
          passwordHash,
          passwordChangedAt: new Date(),
          isDemo: true,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row.id, roleId });
      userCount++;
    }
    if (deptCount || userCount) {
      await appendAudit(tx, {
        action: '生成演示数据',
        objectType: '系统',
        result: '成功',
        message: `演示数据：新增科室 ${deptCount} 个、用户 ${userCount} 个`,
      });
    }
  });
  return { departments: deptCount, users: userCount };
}
