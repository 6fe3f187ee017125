import 'server-only';
import { eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import type { Tx } from '@/platform/db/client';
import { parcelCosts } from '../schema';
import { lockParcelRef } from './parcel-ref';
import { compensationEditable, COMPENSATION_FROZEN_MESSAGE } from './stage-rules';
import { ZCreateParcelCost, ZParcelCostRef, ZUpdateParcelCost } from './cost-validation';

const OBJECT_TYPE = '收储费用';
const NOT_FOUND = '该费用记录不存在或已被删除，请刷新后重试';

const snapshot = (c: { category: string; amount: string; note: string | null }) => ({ category: c.category, amount: c.amount, note: c.note });

/** The cost row and its parcel, the parcel locked first (the lock order of every parcel record). */
async function loadCost(tx: Tx, id: string) {
  const [ref] = await tx.select({ parcelId: parcelCosts.parcelId }).from(parcelCosts).where(eq(parcelCosts.id, id));
  if (!ref) fail(NOT_FOUND, 'NOT_FOUND');
  const parcel = await lockParcelRef(tx, ref.parcelId);
  if (!compensationEditable(parcel.stage)) fail(COMPENSATION_FROZEN_MESSAGE);
  const [cost] = await tx.select().from(parcelCosts).where(eq(parcelCosts.id, id)).for('update');
  if (!cost) fail(NOT_FOUND, 'NOT_FOUND');
  return { parcel, cost };
}

export const createParcelCost = defineMutation({
  name: '新增收储费用',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZCreateParcelCost,
  async run(ctx, input) {
    const parcel = await lockParcelRef(ctx.tx, input.parcelId);
    if (!compensationEditable(parcel.stage)) fail(COMPENSATION_FROZEN_MESSAGE);
    const values = { parcelId: parcel.id, category: input.category, amount: input.amount, note: input.note };
    const [{ id }] = await ctx.tx.insert(parcelCosts).values(values).returning({ id: parcelCosts.id });
    await ctx.audit({
      action: '新增收储费用',
      objectType: OBJECT_TYPE,
      objectId: id,
      before: null,
      after: snapshot(values),
      message: `地块 ${parcel.code}：新增${input.category} ${input.amount} 元（项目费用，不计入补偿到位）`,
    });
    return { id };
  },
});

export const updateParcelCost = defineMutation({
  name: '修改收储费用',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZUpdateParcelCost,
  async run(ctx, input) {
    const { parcel, cost } = await loadCost(ctx.tx, input.id);
    const changes = { category: input.category, amount: input.amount, note: input.note };
    await ctx.tx.update(parcelCosts).set(changes).where(eq(parcelCosts.id, cost.id));
    await ctx.audit({
      action: '修改收储费用',
      objectType: OBJECT_TYPE,
      objectId: cost.id,
      before: snapshot(cost),
      after: snapshot(changes),
      message: `地块 ${parcel.code}：修改${input.category}`,
    });
    return { id: cost.id };
  },
});

export const deleteParcelCost = defineMutation({
  name: '删除收储费用',
  permission: 'parcel:edit',
  objectType: OBJECT_TYPE,
  schema: ZParcelCostRef,
  async run(ctx, input) {
    const { parcel, cost } = await loadCost(ctx.tx, input.id);
    await ctx.tx.delete(parcelCosts).where(eq(parcelCosts.id, cost.id));
    await ctx.audit({
      action: '删除收储费用',
      objectType: OBJECT_TYPE,
      objectId: cost.id,
      before: snapshot(cost),
      after: null,
      message: `地块 ${parcel.code}：删除${cost.category} ${cost.amount} 元`,
    });
    return { id: cost.id };
  },
});
