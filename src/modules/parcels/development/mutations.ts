import 'server-only';
import { and, eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { todayInShanghai } from '@/ui/format';
import { workPackages } from '../schema';
import { workExemptions } from '../net-land/schema';
import { lockParcelRef, type ParcelRef } from '../acquisition/parcel-ref';
import { developmentStageProblem, READY_KEEP_ACCEPTED, ZCreateWorkPackage, ZUpdateWorkPackage, ZWorkPackageRef } from './validation';

const OBJECT_TYPE = '前期开发工作包';

type TPackageSnapshot = {
  workType: string;
  contractor: string | null;
  supervisor: string | null;
  contractNo: string | null;
  contractAmount: string;
  progress: number;
  startedOn: string | null;
  acceptedOn: string | null;
};

const snapshot = (p: TPackageSnapshot) => ({
  workType: p.workType,
  contractor: p.contractor,
  supervisor: p.supervisor,
  contractNo: p.contractNo,
  contractAmount: p.contractAmount,
  progress: p.progress,
  startedOn: p.startedOn,
  acceptedOn: p.acceptedOn,
});

function requireStage(parcel: ParcelRef, stillAccepted: boolean) {
  const problem = developmentStageProblem(parcel.stage);
  if (problem) fail(problem);
  if (parcel.stage === '可供应' && !stillAccepted) fail(READY_KEEP_ACCEPTED);
}

/** A work type recorded as not needed (净地) takes no package until that reason is withdrawn. */
async function refuseExemptType(tx: Tx, parcelId: string, workType: string) {
  const [exempt] = await tx
    .select({ id: workExemptions.id })
    .from(workExemptions)
    .where(and(eq(workExemptions.parcelId, parcelId), eq(workExemptions.workType, workType)));
  if (exempt) fail(`已登记无须${workType}的原因，如需${workType}，请先在「净地条件」中撤销该原因`, 'RULE_VIOLATION', { workType: `已登记无须${workType}` });
}

/** The package and its parcel, parcel row locked first (the same order as every parcel mutation). */
async function loadPackageForChange(tx: Tx, id: string) {
  const [ref] = await tx.select({ parcelId: workPackages.parcelId }).from(workPackages).where(eq(workPackages.id, id));
  if (!ref) fail('工作包不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  const parcel = await lockParcelRef(tx, ref.parcelId);
  const [pkg] = await tx.select().from(workPackages).where(eq(workPackages.id, id)).for('update');
  if (!pkg) fail('工作包不存在或已被删除，请刷新后重试', 'NOT_FOUND');
  return { parcel, pkg };
}

export const createWorkPackage = defineMutation({
  name: '新增前期开发工作包',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZCreateWorkPackage,
  async run(ctx, input) {
    const { tx } = ctx;
    const parcel = await lockParcelRef(tx, input.parcelId);
    requireStage(parcel, !!input.acceptedOn);
    await refuseExemptType(tx, parcel.id, input.workType);
    const fields = snapshot(input);
    const [{ id }] = await tx
      .insert(workPackages)
      .values({ ...fields, parcelId: parcel.id, updatedOn: todayInShanghai() })
      .returning({ id: workPackages.id });
    await ctx.audit({
      action: '新增前期开发工作包',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: fields,
      message: `地块 ${parcel.code}：新增${input.workType}工作包${input.acceptedOn ? '（已验收）' : ''}`,
    });
    return { id };
  },
});

export const updateWorkPackage = defineMutation({
  name: '修改前期开发工作包',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZUpdateWorkPackage,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, pkg } = await loadPackageForChange(tx, input.id);
    requireStage(parcel, !!input.acceptedOn);
    if (input.workType !== pkg.workType) await refuseExemptType(tx, parcel.id, input.workType);
    const id = pkg.id;
    const fields = snapshot(input);
    await tx
      .update(workPackages)
      .set({ ...fields, updatedOn: todayInShanghai() })
      .where(eq(workPackages.id, id));
    const accepting = !pkg.acceptedOn && !!input.acceptedOn;
    await ctx.audit({
      action: accepting ? '验收前期开发工作包' : '修改前期开发工作包',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: snapshot(pkg),
      after: fields,
      message: `地块 ${parcel.code}：${accepting ? `${input.workType}工作包验收（${input.acceptedOn}）` : `修改${input.workType}工作包`}`,
    });
    return { id };
  },
});

export const deleteWorkPackage = defineMutation({
  name: '删除前期开发工作包',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZWorkPackageRef,
  async run(ctx, input) {
    const { tx } = ctx;
    const { parcel, pkg } = await loadPackageForChange(tx, input.id);
    requireStage(parcel, false);
    await tx.delete(workPackages).where(eq(workPackages.id, pkg.id));
    await ctx.audit({
      action: '删除前期开发工作包',
      objectType: OBJECT_TYPE,
      objectId: pkg.id,
      before: snapshot(pkg),
      after: null,
      message: `地块 ${parcel.code}：删除${pkg.workType}工作包`,
    });
    return { id: pkg.id };
  },
});
