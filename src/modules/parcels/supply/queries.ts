import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { supplies } from '../schema';
import { premiumRate } from '../rules';
import { findParcelRef, type ParcelRef } from '../acquisition/parcel-ref';

export interface SupplyView {
  id: string;
  mode: string;
  noticeDate: string | null;
  bidStartDate: string | null;
  listingEndDate: string | null;
  allocationCategory: string | null;
  /** 元/m² (协议). */
  benchmarkPrice: string | null;
  /** Warnings acknowledged when the supply was recorded. */
  warnings: { code: string; message: string; rule: string }[];
  startingPrice: string | null;
  dealPrice: string | null;
  /** (deal − start) ÷ start in %, two decimals; null when not computable. */
  premiumRate: string | null;
  transferee: string | null;
  contractNo: string | null;
  dealDate: string | null;
  handoverDate: string | null;
  status: '成交' | '中止';
  /** The record whose handover date may be edited: the latest 成交 of a parcel in 已供应. */
  current: boolean;
}

const columns = {
  id: supplies.id,
  parcelId: supplies.parcelId,
  mode: supplies.mode,
  noticeDate: supplies.noticeDate,
  bidStartDate: supplies.bidStartDate,
  listingEndDate: supplies.listingEndDate,
  allocationCategory: supplies.allocationCategory,
  benchmarkPrice: supplies.benchmarkPrice,
  warnings: supplies.warnings,
  startingPrice: supplies.startingPrice,
  dealPrice: supplies.dealPrice,
  transferee: supplies.transferee,
  contractNo: supplies.contractNo,
  dealDate: supplies.dealDate,
  handoverDate: supplies.handoverDate,
  status: supplies.status,
};

/** The supply history, newest first; `current` marks the record the handover date belongs to. */
export async function listSupplies(db: Db | Tx, parcel: Pick<ParcelRef, 'id' | 'stage'>): Promise<SupplyView[]> {
  const rows = await db.select(columns).from(supplies).where(eq(supplies.parcelId, parcel.id)).orderBy(desc(supplies.createdAt), desc(supplies.id));
  const currentId = parcel.stage === '已供应' ? rows.find((r) => r.status === '成交')?.id : undefined;
  return rows.map(({ parcelId: _parcelId, ...r }) => ({
    ...r,
    status: r.status as SupplyView['status'],
    warnings: Array.isArray(r.warnings) ? (r.warnings as SupplyView['warnings']) : [],
    premiumRate: premiumRate(r.startingPrice, r.dealPrice),
    current: r.id === currentId,
  }));
}

/** The current 成交 record of a parcel in 已供应, or null. */
export async function findCurrentSupply(db: Db | Tx, parcel: Pick<ParcelRef, 'id' | 'stage'>) {
  return (await listSupplies(db, parcel)).find((s) => s.current) ?? null;
}

export interface SupplyPageView {
  parcel: ParcelRef;
  supplies: SupplyView[];
}

export async function getSupplyView(db: Db, parcelId: string): Promise<SupplyPageView | null> {
  const parcel = await findParcelRef(db, parcelId);
  if (!parcel) return null;
  return { parcel, supplies: await listSupplies(db, parcel) };
}
