import 'server-only';
import { and, eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { isUniqueViolation } from '@/platform/errors';
import { reserveProjects } from '@/modules/parcels/schema';
import { budgetLines, budgetVersions } from '../schema';
import { LEDGER_CATEGORIES, type TLedgerCategory } from '../rules';
import { getProjectBudgets } from './queries';
import { amountsFromLines, budgetLineChanges, budgetTotal, describeLineChange } from './rules';
import { BUDGET_CHANGED_BY_OTHERS, budgetScopeLabel, ZSaveBudget, type BudgetAmounts } from './validation';

const PERMISSION = 'fund:budget';
const OBJECT_TYPE = '项目预算';

/** Audit keys of the category amounts (named in ./audit-labels.ts). */
const CATEGORY_AUDIT_KEYS: Record<TLedgerCategory, string> = {
  征收补偿: 'budgetCompensation',
  前期开发: 'budgetDevelopment',
  管护: 'budgetCustody',
  融资成本: 'budgetFinancing',
  其他: 'budgetOther',
};

function snapshotOf(v: { version: number; total: string; amounts: BudgetAmounts; reason: string | null; approvalDocNo: string | null; approvedOn: string | null }) {
  return {
    version: v.version,
    budgetTotal: v.total,
    ...Object.fromEntries(LEDGER_CATEGORIES.map((c) => [CATEGORY_AUDIT_KEYS[c], v.amounts[c]])),
    reason: v.reason,
    docNo: v.approvalDocNo,
    approvedOn: v.approvedOn,
  };
}

/**
 * Draw up the first version of a project's whole-life or annual budget, or adjust it: version
 * n+1 with a reason and its approval, the previous one kept as 'superseded'. The project row is
 * locked, so concurrent saves of any of its budgets queue; the version the client saw must still
 * be the current one, otherwise 「预算已被他人调整，请刷新后重试」.
 */
export const saveBudget = defineMutation({
  name: '保存项目预算',
  permission: PERMISSION,
  objectType: OBJECT_TYPE,
  schema: ZSaveBudget,
  run: async (ctx, input) => {
    const { tx, actor } = ctx;
    const [project] = await tx
      .select({ id: reserveProjects.id, code: reserveProjects.code, name: reserveProjects.name, status: reserveProjects.status, isDemo: reserveProjects.isDemo })
      .from(reserveProjects)
      .where(eq(reserveProjects.id, input.projectId))
      .for('update');
    if (!project) fail('项目不存在或已被删除，请刷新后重试', 'NOT_FOUND');
    if (project.status === 'closed') fail(`项目「${project.name}」已关闭，不能编制或调整预算`);

    const scope = budgetScopeLabel(input.kind, input.year);
    const [current] = await tx
      .select()
      .from(budgetVersions)
      .where(
        and(
          eq(budgetVersions.projectId, project.id),
          eq(budgetVersions.kind, input.kind),
          eq(budgetVersions.year, input.year),
          eq(budgetVersions.status, 'current'),
        ),
      )
      .for('update');
    if ((current?.version ?? 0) !== input.baseVersion) fail(BUDGET_CHANGED_BY_OTHERS, 'CONFLICT');

    const total = budgetTotal(input.amounts);
    let before: ReturnType<typeof snapshotOf> | null = null;
    let changeText = '';
    if (current) {
      const lines = await tx.select({ category: budgetLines.category, amount: budgetLines.amount }).from(budgetLines).where(eq(budgetLines.versionId, current.id));
      const previous = amountsFromLines(lines);
      const changes = budgetLineChanges(previous, input.amounts);
      if (!changes.length) fail(`各科目金额与现行第 ${current.version} 版相同，没有需要保存的调整`);
      before = snapshotOf({ ...current, total: budgetTotal(previous), amounts: previous });
      changeText = changes.map(describeLineChange).join('；');
      await tx.update(budgetVersions).set({ status: 'superseded' }).where(eq(budgetVersions.id, current.id));
    }

    const version = input.baseVersion + 1;
    let id: string;
    try {
      [{ id }] = await tx
        .insert(budgetVersions)
        .values({
          projectId: project.id,
          kind: input.kind,
          year: input.year,
          version,
          status: 'current',
          reason: input.reason,
          approvalDocNo: input.approvalDocNo,
          approvedOn: input.approvedOn,
          total,
          createdBy: actor.userId,
          isDemo: project.isDemo,
        })
        .returning({ id: budgetVersions.id });
    } catch (e) {
      // (project, kind, year, version) is unique: someone else saved this version first.
      if (isUniqueViolation(e)) fail(BUDGET_CHANGED_BY_OTHERS, 'CONFLICT');
      throw e;
    }
    await tx.insert(budgetLines).values(LEDGER_CATEGORIES.map((category) => ({ versionId: id, category, amount: input.amounts[category] })));

    const after = snapshotOf({ version, total, amounts: input.amounts, reason: input.reason, approvalDocNo: input.approvalDocNo, approvedOn: input.approvedOn });
    await ctx.audit({
      action: current ? '调整项目预算' : '编制项目预算',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: before ? { budgetScope: scope, ...before } : null,
      after: { budgetScope: scope, ...after },
      message: current
        ? `调整项目「${project.code} ${project.name}」${scope}：第 ${current.version} 版 → 第 ${version} 版（${changeText}）`
        : `编制项目「${project.code} ${project.name}」${scope}第 1 版`,
    });

    const { warnings } = await getProjectBudgets(tx, project.id);
    return { id, version, total, warnings: warnings.map((w) => w.message) };
  },
});
