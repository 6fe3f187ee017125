import 'server-only';
import { eq } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { supplies } from '../schema';
import { lockParcelRef } from '../acquisition/parcel-ref';
import { findCurrentSupply } from './queries';
import { handoverProblem, ZHandover } from './validation';

/**
 * 交地日期 of the current 成交 record. Supply records themselves are created by the 已供应
 * transition (lifecycle) and closed by 交易中止; only the handover date is edited here.
 */
export const updateHandoverDate = defineMutation({
  name: '登记交地日期',
  permission: 'parcel:edit',
  objectType: '供应记录',
  schema: ZHandover,
  async run(ctx, input) {
    const { tx } = ctx;
    const [ref] = await tx.select({ parcelId: supplies.parcelId }).from(supplies).where(eq(supplies.id, input.supplyId));
    if (!ref) fail('供应记录不存在，请刷新后重试', 'NOT_FOUND');
    const parcel = await lockParcelRef(tx, ref.parcelId);
    const current = await findCurrentSupply(tx, parcel);
    if (!current || current.id !== input.supplyId) {
      fail(parcel.stage === '已供应' ? '只能登记当前成交记录的交地日期，请刷新后重试' : `地块当前为「${parcel.stage}」，没有可登记交地日期的成交记录`);
    }
    const problem = handoverProblem(input.handoverDate, current.dealDate);
    if (problem) fail(problem, 'INVALID_INPUT');
    await tx.update(supplies).set({ handoverDate: input.handoverDate }).where(eq(supplies.id, current.id));
    await ctx.audit({
      action: '登记交地日期',
      objectType: '供应记录',
      objectId: current.id,
      before: { handoverDate: current.handoverDate },
      after: { handoverDate: input.handoverDate },
      message: `地块 ${parcel.code}：交地日期 ${input.handoverDate}`,
    });
    return { id: current.id };
  },
});
