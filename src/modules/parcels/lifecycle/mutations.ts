import 'server-only';
import { and, desc, eq, max } from 'drizzle-orm';
import { defineMutation, fail } from '@/platform/action';
import { parcelEvents, parcels, supplies } from '../schema';
import { checkTransition, nextStages, problemFieldErrors, supplyTermsForMode, supplyWarnings, unacknowledgedWarnings } from '../rules';
import { ZTransition } from './validation';
import { gatherTransitionFacts, loadParcelForTransition } from './facts';
import { collectParcelStage } from '@/modules/archives/collect';

/**
 * One lifecycle step of a parcel: guards from rules.ts, then an event row, the stage cache and
 * (for 已供应 / 交易中止) the supply record — all in one transaction on the locked parcel row.
 * A concurrent transition of the same parcel finds the version moved on and is refused.
 */
export const transitionParcel = defineMutation({
  name: '地块环节流转',
  permission: 'parcel:transition',
  objectType: '地块',
  schema: ZTransition,
  async run(ctx, raw) {
    const { tx, actor } = ctx;
    const input = { ...raw, supply: raw.supply ? supplyTermsForMode(raw.supply) : raw.supply };
    const parcel = await loadParcelForTransition(tx, input.parcelId, true);
    if (!parcel) fail('地块不存在或已被删除', 'NOT_FOUND');
    if (parcel.version !== input.version) {
      fail(`地块状态已被他人更新（当前环节为「${parcel.stage}」），请刷新后重试`, 'CONFLICT');
    }
    const step = nextStages(parcel.stage).find((s) => s.to === input.toStage);
    const facts = await gatherTransitionFacts(tx, parcel, {
      eventDate: input.eventDate,
      reason: input.reason,
      docNo: input.docNo,
      supply: input.supply ?? undefined,
    });
    const verdict = checkTransition(parcel.stage, input.toStage, facts);
    if (!verdict.ok) {
      const lines = verdict.problems.map((p, i) => `${i + 1}. ${p.message}`).join('；');
      fail(`不能${step?.label ?? `转为「${input.toStage}」`}：${lines}`, 'RULE_VIOLATION', problemFieldErrors(verdict.problems, { supply: input.toStage === '已供应' }));
    }
    // Points to acknowledge (a 协议 price below the 基准地价 share): each must have been ticked.
    const warnings = input.toStage === '已供应' ? supplyWarnings(input.supply ?? undefined, facts.supplyContext) : [];
    const missing = unacknowledgedWarnings(warnings, input.acknowledged);
    if (missing.length) {
      fail(`请阅读以下提示并勾选「已知悉」后再办理：${missing.map((w) => w.message).join('；')}`, 'RULE_VIOLATION', {
        acknowledge: '请确认已知悉上述提示',
      });
    }
    const [{ last }] = await tx.select({ last: max(parcelEvents.seq) }).from(parcelEvents).where(eq(parcelEvents.parcelId, parcel.id));
    const [event] = await tx
      .insert(parcelEvents)
      .values({
        parcelId: parcel.id,
        seq: (last ?? 0) + 1,
        fromStage: parcel.stage,
        toStage: input.toStage,
        eventDate: input.eventDate,
        actorId: actor.userId,
        actorName: actor.displayName,
        amount: input.amount ?? (input.toStage === '已供应' ? (input.supply?.dealPrice ?? null) : null),
        docNo: input.docNo,
        reason: input.reason,
        note: input.note,
      })
      .returning({ id: parcelEvents.id });
    await tx
      .update(parcels)
      .set({ stage: input.toStage, stageSince: input.eventDate, version: parcel.version + 1 })
      .where(and(eq(parcels.id, parcel.id), eq(parcels.version, parcel.version)));
    // 预归档: the records of the stage the parcel leaves go to the archivist's 待归档 list.
    await collectParcelStage(tx, parcel.id, parcel.stage, event.id);

    if (input.toStage === '已供应' && input.supply) {
      const s = input.supply;
      await tx.insert(supplies).values({
        parcelId: parcel.id,
        mode: s.mode ?? '',
        noticeDate: s.noticeDate,
        startingPrice: s.startingPrice,
        dealPrice: s.dealPrice,
        transferee: s.transferee,
        contractNo: s.contractNo,
        dealDate: s.dealDate,
        bidStartDate: s.bidStartDate,
        listingEndDate: s.listingEndDate,
        allocationCategory: s.allocationCategory,
        benchmarkPrice: s.benchmarkPrice,
        warnings: warnings.length ? warnings : null,
        status: '成交',
      });
    }
    if (verdict.kind === 'abort-trade') {
      const [current] = await tx
        .select({ id: supplies.id })
        .from(supplies)
        .where(and(eq(supplies.parcelId, parcel.id), eq(supplies.status, '成交')))
        .orderBy(desc(supplies.createdAt))
        .limit(1);
      if (current) await tx.update(supplies).set({ status: '中止' }).where(eq(supplies.id, current.id));
    }
    await ctx.audit({
      action: step?.label ?? '地块环节流转',
      objectType: '地块',
      objectId: parcel.id,
      before: { stage: parcel.stage, stageSince: parcel.stageSince },
      after: {
        stage: input.toStage,
        stageSince: input.eventDate,
        docNo: input.docNo,
        amount: input.amount,
        reason: input.reason,
        note: input.note,
        ...(input.toStage === '已供应' && input.supply ? input.supply : {}),
        ...(warnings.length ? { supplyWarnings: warnings.map((w) => w.message).join('；') } : {}),
      },
      message: `${parcel.code} ${parcel.stage} → ${input.toStage}${input.reason ? `（原因：${input.reason}）` : ''}`,
    });
    return { eventId: event.id, stage: input.toStage };
  },
});
