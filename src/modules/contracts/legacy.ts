import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { ledgerEntries } from '@/modules/funds/schema';
import { compensationParties, parcels, reserveProjects, workPackages } from '@/modules/parcels/schema';
import { dec, Dec } from '@/modules/plans/amounts';
import { toAmount } from '@/modules/funds/rules/money';
import { contractParcels, contracts, contractWorkPackages } from './schema';

/**
 * Existing contract records become contracts (migration 0023, run by the migrate job and after the
 * demo seed; idempotent): work packages' contract numbers (工程施工), compensation agreements with
 * a number and an amount (征收补偿协议), and ledger entries whose contract number matches a
 * contract exactly after trimming. Nothing is created twice: a work package or a party already
 * linked is skipped, a number already registered is linked to, not registered again.
 * What cannot be matched is listed by `listUnmatched`.
 */

import { DEFAULT_OUR_PARTY } from './legacy-constants';

export { DEFAULT_OUR_PARTY };
export const UNKNOWN_CONTRACTOR = '（原记录未填施工单位）';

export interface LegacyImportResult {
  workContracts: number;
  workPackagesLinked: number;
  agreementContracts: number;
  partiesLinked: number;
  entriesLinked: number;
}

type Q = Db | Tx;

export async function importLegacyContracts(db: Db): Promise<LegacyImportResult> {
  return db.transaction((tx) => importIn(tx));
}

async function importIn(tx: Tx): Promise<LegacyImportResult> {
  const result: LegacyImportResult = { workContracts: 0, workPackagesLinked: 0, agreementContracts: 0, partiesLinked: 0, entriesLinked: 0 };
  // One writer at a time (two app instances starting together): lock the contracts table.
  await tx.execute(sql`LOCK TABLE contracts IN EXCLUSIVE MODE`);
  const now = new Date();

  /* work packages → 工程施工 */
  const works = await tx
    .select({
      id: workPackages.id,
      parcelId: workPackages.parcelId,
      workType: workPackages.workType,
      contractor: workPackages.contractor,
      contractNo: workPackages.contractNo,
      amount: workPackages.contractAmount,
      startedOn: workPackages.startedOn,
      acceptedOn: workPackages.acceptedOn,
      parcelCode: parcels.code,
      parcelName: parcels.name,
      projectId: parcels.projectId,
      isDemo: parcels.isDemo,
    })
    .from(workPackages)
    .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
    .leftJoin(contractWorkPackages, eq(contractWorkPackages.workPackageId, workPackages.id))
    .where(and(isNull(contractWorkPackages.id), sql`trim(coalesce(${workPackages.contractNo}, '')) <> ''`))
    .orderBy(asc(workPackages.createdAt), asc(workPackages.id));
  const byNo = new Map<string, typeof works>();
  for (const w of works) {
    const no = w.contractNo!.trim();
    byNo.set(no, [...(byNo.get(no) ?? []), w]);
  }
  for (const [no, group] of byNo) {
    let [existing] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.contractNo, no));
    if (!existing) {
      const first = group[0];
      const amount = toAmount(group.reduce((s, w) => s.plus(dec(w.amount)), new Dec(0)));
      const types = [...new Set(group.map((w) => w.workType))].join('、');
      const parcelNames = [...new Set(group.map((w) => w.parcelName || w.parcelCode))].join('、');
      [existing] = await tx
        .insert(contracts)
        .values({
          contractNo: no,
          name: `${parcelNames}${types}工程`.slice(0, 200),
          contractType: '工程施工',
          ourParty: DEFAULT_OUR_PARTY,
          counterparty: group.find((w) => w.contractor?.trim())?.contractor?.trim() ?? UNKNOWN_CONTRACTOR,
          amount,
          startOn: group.map((w) => w.startedOn).filter((d): d is string => !!d).sort()[0] ?? null,
          status: 'effective',
          projectId: first.projectId,
          origin: 'work-package',
          note: '由前期开发工程的合同编号、合同金额转入合同台账',
          isDemo: group.every((w) => w.isDemo),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: contracts.id });
      result.workContracts++;
    }
    for (const w of group) {
      await tx.insert(contractWorkPackages).values({ contractId: existing.id, workPackageId: w.id });
      result.workPackagesLinked++;
    }
    await linkParcels(tx, existing.id, group.map((w) => w.parcelId));
  }

  /* compensation agreements → 征收补偿协议 */
  const parties = await tx
    .select({
      id: compensationParties.id,
      name: compensationParties.name,
      parcelId: compensationParties.parcelId,
      agreementNo: compensationParties.agreementNo,
      signedOn: compensationParties.agreementSignedOn,
      amount: compensationParties.amountAgreed,
      projectId: parcels.projectId,
      parcelName: parcels.name,
      isDemo: parcels.isDemo,
    })
    .from(compensationParties)
    .innerJoin(parcels, eq(parcels.id, compensationParties.parcelId))
    .leftJoin(contracts, eq(contracts.partyId, compensationParties.id))
    .where(and(isNull(contracts.id), sql`trim(coalesce(${compensationParties.agreementNo}, '')) <> ''`, sql`${compensationParties.amountAgreed} > 0`))
    .orderBy(asc(compensationParties.createdAt), asc(compensationParties.id));
  for (const p of parties) {
    const no = p.agreementNo!.trim();
    const [existing] = await tx.select({ id: contracts.id, partyId: contracts.partyId, type: contracts.contractType }).from(contracts).where(eq(contracts.contractNo, no));
    let contractId: string;
    if (existing) {
      // A number already registered for another party or another kind of contract: listed as unmatched.
      if (existing.partyId || existing.type !== '征收补偿协议') continue;
      await tx.update(contracts).set({ partyId: p.id }).where(eq(contracts.id, existing.id));
      contractId = existing.id;
    } else {
      const [created] = await tx
        .insert(contracts)
        .values({
          contractNo: no,
          name: `${p.name}征收补偿协议`.slice(0, 200),
          contractType: '征收补偿协议',
          ourParty: DEFAULT_OUR_PARTY,
          counterparty: p.name,
          amount: p.amount,
          signedOn: p.signedOn,
          status: 'effective',
          projectId: p.projectId,
          partyId: p.id,
          origin: 'compensation',
          note: '由地块征收补偿登记的协议编号、协议金额转入合同台账',
          isDemo: p.isDemo,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: contracts.id });
      contractId = created.id;
      result.agreementContracts++;
    }
    result.partiesLinked++;
    await linkParcels(tx, contractId, [p.parcelId]);
    // The party's payments posted to the ledger are payments under the agreement.
    const linked = await tx
      .update(ledgerEntries)
      .set({ contractId })
      .where(and(eq(ledgerEntries.partyId, p.id), isNull(ledgerEntries.contractId), eq(ledgerEntries.direction, 'expense')))
      .returning({ id: ledgerEntries.id });
    result.entriesLinked += linked.length;
  }

  /* ledger entries by their contract number (exact after trimming; contract_no itself is left as typed) */
  const entries = await tx
    .select({ id: ledgerEntries.id, contractNo: ledgerEntries.contractNo })
    .from(ledgerEntries)
    .where(and(isNull(ledgerEntries.contractId), eq(ledgerEntries.direction, 'expense'), sql`trim(coalesce(${ledgerEntries.contractNo}, '')) <> ''`));
  if (entries.length) {
    const numbers = [...new Set(entries.map((e) => e.contractNo!.trim()))];
    const found = new Map<string, string>();
    for (let i = 0; i < numbers.length; i += 500) {
      const rows = await tx.select({ id: contracts.id, no: contracts.contractNo }).from(contracts).where(inArray(contracts.contractNo, numbers.slice(i, i + 500)));
      for (const r of rows) found.set(r.no, r.id);
    }
    for (const e of entries) {
      const contractId = found.get(e.contractNo!.trim());
      if (!contractId) continue;
      await tx.update(ledgerEntries).set({ contractId }).where(eq(ledgerEntries.id, e.id));
      result.entriesLinked++;
    }
  }
  return result;
}

async function linkParcels(tx: Tx, contractId: string, parcelIds: string[]): Promise<void> {
  const wanted = [...new Set(parcelIds)];
  const have = new Set(
    (await tx.select({ parcelId: contractParcels.parcelId }).from(contractParcels).where(eq(contractParcels.contractId, contractId))).map((r) => r.parcelId),
  );
  for (const parcelId of wanted) if (!have.has(parcelId)) await tx.insert(contractParcels).values({ contractId, parcelId });
}

export function summariseLegacyImport(r: LegacyImportResult): string {
  return `由前期开发工程新建合同 ${r.workContracts} 份（关联工程 ${r.workPackagesLinked} 项），由征收补偿协议新建合同 ${r.agreementContracts} 份（关联补偿对象 ${r.partiesLinked} 个），关联收支记录 ${r.entriesLinked} 条`;
}

/* ---------------------------------------------------------------- what could not be matched */

export interface UnmatchedEntry {
  id: string;
  entryNo: string;
  entryDate: string;
  amount: string;
  contractNo: string;
  status: string;
  projectCode: string | null;
  reason: string;
}
export interface UnmatchedParty {
  id: string;
  name: string;
  parcelId: string;
  parcelCode: string;
  agreementNo: string | null;
  amountAgreed: string;
  reason: string;
}
export interface UnmatchedWork {
  id: string;
  workType: string;
  parcelId: string;
  parcelCode: string;
  contractor: string | null;
  contractAmount: string;
  reason: string;
}
export interface UnmatchedReport {
  entries: UnmatchedEntry[];
  parties: UnmatchedParty[];
  works: UnmatchedWork[];
}

const UNMATCHED_LIMIT = 1000;

/** Records that carry a contract but are linked to none, with the reason. */
export async function listUnmatched(db: Q): Promise<UnmatchedReport> {
  const [entries, parties, works] = await Promise.all([
    db
      .select({
        id: ledgerEntries.id,
        entryNo: ledgerEntries.entryNo,
        entryDate: ledgerEntries.entryDate,
        amount: ledgerEntries.amount,
        contractNo: ledgerEntries.contractNo,
        status: ledgerEntries.status,
        direction: ledgerEntries.direction,
        projectCode: reserveProjects.code,
      })
      .from(ledgerEntries)
      .leftJoin(reserveProjects, eq(reserveProjects.id, ledgerEntries.projectId))
      .where(and(isNull(ledgerEntries.contractId), sql`trim(coalesce(${ledgerEntries.contractNo}, '')) <> ''`))
      .orderBy(asc(ledgerEntries.entryNo))
      .limit(UNMATCHED_LIMIT),
    db
      .select({
        id: compensationParties.id,
        name: compensationParties.name,
        parcelId: compensationParties.parcelId,
        parcelCode: parcels.code,
        agreementNo: compensationParties.agreementNo,
        amountAgreed: compensationParties.amountAgreed,
      })
      .from(compensationParties)
      .innerJoin(parcels, eq(parcels.id, compensationParties.parcelId))
      .leftJoin(contracts, eq(contracts.partyId, compensationParties.id))
      .where(and(isNull(contracts.id), sql`${compensationParties.amountAgreed} > 0`))
      .orderBy(asc(parcels.code), asc(compensationParties.name))
      .limit(UNMATCHED_LIMIT),
    db
      .select({
        id: workPackages.id,
        workType: workPackages.workType,
        parcelId: workPackages.parcelId,
        parcelCode: parcels.code,
        contractor: workPackages.contractor,
        contractAmount: workPackages.contractAmount,
        contractNo: workPackages.contractNo,
      })
      .from(workPackages)
      .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
      .leftJoin(contractWorkPackages, eq(contractWorkPackages.workPackageId, workPackages.id))
      .where(and(isNull(contractWorkPackages.id), sql`${workPackages.contractAmount} > 0`))
      .orderBy(asc(parcels.code), asc(workPackages.workType))
      .limit(UNMATCHED_LIMIT),
  ]);
  return {
    entries: entries.map(({ direction, contractNo, ...e }) => ({
      ...e,
      contractNo: contractNo!,
      reason: direction === 'income' ? '收入记录，不作为合同付款' : `合同台账中没有编号为「${contractNo!.trim()}」的合同`,
    })),
    parties: parties.map((p) => ({
      ...p,
      reason: p.agreementNo?.trim() ? `协议编号「${p.agreementNo.trim()}」已被其他合同使用` : '补偿对象没有协议编号',
    })),
    works: works.map(({ contractNo, ...w }) => ({
      ...w,
      reason: contractNo?.trim() ? `合同编号「${contractNo.trim()}」尚未转入合同台账（运行 npm run contracts:unmatched 转入）` : '工程没有合同编号',
    })),
  };
}

export function unmatchedCount(r: UnmatchedReport): number {
  return r.entries.length + r.parties.length + r.works.length;
}
