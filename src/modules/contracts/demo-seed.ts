import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { appendAudit } from '@/platform/audit/write';
import { reserveProjects } from '@/modules/parcels/schema';
import { dec, Dec } from '@/modules/plans/amounts';
import { toAmount } from '@/modules/funds/rules/money';
import { todayInShanghai } from '@/ui/format';
import { contractChanges, contractMilestones, contracts } from './schema';
import { addDays, creditCodeCheckChar } from './rules';
import type { Actor } from '@/platform/action';
import { roles, userRoles, users } from '@/platform/auth/schema';
import { actOnFlow, startFlow } from '@/platform/flow';
import { CHANGE_FLOW_KIND, CHANGE_FLOW_OBJECT, ensureChangeFlow, STEP_REQUEST } from './flow';
import { importLegacyContracts, summariseLegacyImport, DEFAULT_OUR_PARTY } from './legacy';

/**
 * Demo data of the contracts module (演示数据), run after the funds demo: the demo work packages'
 * contract numbers and the demo compensation agreements become contracts and their demo ledger
 * payments are linked (the same step as migration 0023), then a payment plan is added to a few
 * demo works contracts and one demo 监理 contract is registered with its plan and two change
 * orders (one approved, one waiting). Idempotent: nothing happens when demo milestones exist.
 */
export interface ContractsDemoCounts {
  linked: string;
  milestones: number;
  contracts: number;
}

/** A valid demo 统一社会信用代码 (the check character computed by GB 32100-2015). */
function demoCreditCode(body17: string): string {
  return body17 + creditCodeCheckChar(body17);
}

export async function seedContractsDemo(db: Db, now = new Date()): Promise<ContractsDemoCounts | null> {
  const linked = summariseLegacyImport(await importLegacyContracts(db));
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: contractMilestones.id })
      .from(contractMilestones)
      .innerJoin(contracts, eq(contracts.id, contractMilestones.contractId))
      .where(eq(contracts.isDemo, true))
      .limit(1);
    if (existing) return null;
    const works = await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.isDemo, true), eq(contracts.origin, 'work-package'), eq(contracts.status, 'effective'), isNotNull(contracts.startOn)))
      .orderBy(asc(contracts.contractNo))
      .limit(4);
    let milestones = 0;
    for (const c of works) {
      const first = toAmount(dec(c.amount).mul('0.3').toDecimalPlaces(2, Dec.ROUND_DOWN));
      const rest = toAmount(dec(c.amount).minus(dec(first)));
      await tx.update(contracts).set({ signedOn: c.signedOn ?? c.startOn }).where(eq(contracts.id, c.id));
      await tx.insert(contractMilestones).values([
        { contractId: c.id, dueOn: addDays(c.startOn!, 15), amount: first, paymentCondition: '进场开工后支付 30%（演示）' },
        { contractId: c.id, dueOn: addDays(c.startOn!, 180), amount: rest, paymentCondition: '竣工验收合格后支付余款（演示）' },
      ]);
      milestones += 2;
    }
    let created = 0;
    const [project] = await tx.select({ id: reserveProjects.id }).from(reserveProjects).where(eq(reserveProjects.isDemo, true)).orderBy(asc(reserveProjects.code)).limit(1);
    const today = todayInShanghai(now);
    if (project) {
      const [c] = await tx
        .insert(contracts)
        .values({
          contractNo: `YYTC-JL-${today.slice(0, 4)}-001`,
          name: '储备土地前期开发工程监理服务合同（演示）',
          contractType: '监理',
          ourParty: DEFAULT_OUR_PARTY,
          counterparty: '益阳某工程监理咨询有限公司（演示）',
          counterpartyCreditCode: demoCreditCode('91430900MA4L0D3M0'),
          amount: '360000.00',
          signedOn: addDays(today, -120),
          startOn: addDays(today, -110),
          endOn: addDays(today, 40),
          status: 'effective',
          projectId: project.id,
          origin: 'manual',
          note: '演示数据：监理合同，付款计划三期，其中一期即将到期',
          isDemo: true,
        })
        .returning({ id: contracts.id });
      created++;
      await tx.insert(contractMilestones).values([
        { contractId: c.id, dueOn: addDays(today, -60), amount: '108000.00', paymentCondition: '监理进场后支付 30%（演示）' },
        { contractId: c.id, dueOn: addDays(today, 20), amount: '144000.00', paymentCondition: '主体工程完成后支付 40%（演示）' },
        { contractId: c.id, dueOn: addDays(today, 60), amount: '108000.00', paymentCondition: '竣工验收后支付 30%（演示）' },
      ]);
      milestones += 3;
      const clerk = await demoUserWithRole(tx, 'clerk');
      const leader = await demoUserWithRole(tx, 'leader');
      const [, pending] = await tx
        .insert(contractChanges)
        .values([
          { contractId: c.id, seq: 1, kind: '签证', delta: '12000.00', reason: '增加夜间旁站监理（演示）', status: 'approved', requestedBy: clerk?.userId ?? null, requestedAt: addTime(now, -30), decidedBy: leader?.userId ?? null, decidedAt: addTime(now, -28), decisionComment: '同意', isDemo: true },
          { contractId: c.id, seq: 2, kind: '变更', delta: '-5000.00', reason: '围挡工程取消，相应核减监理费（演示）', status: 'pending', requestedBy: clerk?.userId ?? null, requestedAt: addTime(now, -2), isDemo: true },
        ])
        .returning({ id: contractChanges.id });
      // The waiting change is in its approval flow like any other: it waits for the 中心领导.
      if (clerk) {
        await ensureChangeFlow(tx, clerk);
        await startFlow(tx, { kind: CHANGE_FLOW_KIND, objectType: CHANGE_FLOW_OBJECT, objectId: pending.id, actor: clerk });
        await actOnFlow(tx, clerk, { objectType: CHANGE_FLOW_OBJECT, objectId: pending.id, expectedStepKey: STEP_REQUEST, decision: 'approve' });
      }
    }
    const counts = { linked, milestones, contracts: created };
    await appendAudit(tx, { action: '生成演示数据', objectType: '系统', result: '成功', message: `合同演示数据：${summariseContractsDemo(counts)}` });
    return counts;
  });
}

/** The first demo user holding a built-in role, as the flow engine sees an actor. */
async function demoUserWithRole(tx: Parameters<Parameters<Db['transaction']>[0]>[0], code: string): Promise<Actor | null> {
  const [u] = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, departmentId: users.departmentId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.isDemo, true), eq(roles.code, code)))
    .orderBy(asc(users.username))
    .limit(1);
  if (!u) return null;
  return { userId: u.id, username: u.username, displayName: u.displayName, departmentId: u.departmentId, roleNames: '', permissions: new Set<string>(), ip: null, requestId: 'demo-seed' };
}

function addTime(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export function summariseContractsDemo(c: ContractsDemoCounts): string {
  return `${c.linked}；付款节点 ${c.milestones} 个、新登记演示合同 ${c.contracts} 份`;
}
