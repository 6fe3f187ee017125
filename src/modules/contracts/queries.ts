import 'server-only';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { attachments } from '@/platform/storage/schema';
import { ledgerEntries } from '@/modules/funds/schema';
import { compensationParties, parcels, reserveProjects, workPackages } from '@/modules/parcels/schema';
import { dec, Dec, type TDec } from '@/modules/plans/amounts';
import { todayInShanghai } from '@/ui/format';
import { contractChanges, contractMilestones, contractParcels, contracts, contractWorkPackages } from './schema';
import { milestoneStates, type ContractFigures, type MilestoneState, type TChangeStatus, type TContractStatus } from './rules';
import { ATTACHMENT_OWNER, figuresFor } from './store';
import { contractReminders } from './todos';
import type { TContractFilter } from './validation';

type Q = Db | Tx;

export const CONTRACT_EXPORT_LIMIT = 20_000;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ContractRow {
  id: string;
  contractNo: string;
  name: string;
  contractType: string;
  ourParty: string;
  counterparty: string;
  counterpartyCreditCode: string | null;
  amount: string;
  signedOn: string | null;
  startOn: string | null;
  endOn: string | null;
  status: TContractStatus;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  origin: string;
  isDemo: boolean;
  figures: ContractFigures;
}

const rowColumns = {
  id: contracts.id,
  contractNo: contracts.contractNo,
  name: contracts.name,
  contractType: contracts.contractType,
  ourParty: contracts.ourParty,
  counterparty: contracts.counterparty,
  counterpartyCreditCode: contracts.counterpartyCreditCode,
  amount: contracts.amount,
  signedOn: contracts.signedOn,
  startOn: contracts.startOn,
  endOn: contracts.endOn,
  status: contracts.status,
  projectId: contracts.projectId,
  projectCode: reserveProjects.code,
  projectName: reserveProjects.name,
  origin: contracts.origin,
  isDemo: contracts.isDemo,
};

async function whereOf(db: Q, f: TContractFilter): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [];
  if (f.reminder === 'changes') {
    parts.push(inArray(contracts.id, db.select({ id: contractChanges.contractId }).from(contractChanges).where(eq(contractChanges.status, 'pending'))));
  } else if (f.reminder) {
    const r = await contractReminders(db);
    const ids = f.reminder === 'overdue' ? r.overdue : f.reminder === 'ending' ? r.ending : r.milestonesDue;
    parts.push(ids.length ? inArray(contracts.id, ids) : sql`false`);
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(contracts.contractNo, pattern), ilike(contracts.name, pattern), ilike(contracts.counterparty, pattern)));
  }
  if (f.type) parts.push(eq(contracts.contractType, f.type));
  if (f.status) parts.push(eq(contracts.status, f.status));
  if (f.project) parts.push(eq(contracts.projectId, f.project));
  if (f.year) parts.push(sql`${contracts.signedOn} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`);
  return parts.length ? and(...parts) : undefined;
}

function orderOf(f: TContractFilter): SQL[] {
  const dir = f.order === 'asc' ? asc : desc;
  switch (f.sort) {
    case 'amount':
      return [dir(contracts.amount), asc(contracts.contractNo)];
    case 'no':
      return [dir(contracts.contractNo)];
    case 'signed':
      return [dir(contracts.signedOn), asc(contracts.contractNo)];
    case 'end':
      return [dir(contracts.endOn), asc(contracts.contractNo)];
    default:
      return [dir(contracts.createdAt), dir(contracts.id)];
  }
}

async function withFigures(db: Q, rows: Omit<ContractRow, 'figures'>[]): Promise<ContractRow[]> {
  const figures = await figuresFor(db, rows);
  return rows.map((r) => ({ ...r, status: r.status as TContractStatus, figures: figures.get(r.id)! }));
}

export interface ContractTotals {
  effective: string;
  paid: string;
  remaining: string;
}

export async function listContracts(db: Q, f: TContractFilter): Promise<{ rows: ContractRow[]; total: number }> {
  const where = await whereOf(db, f);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(rowColumns)
      .from(contracts)
      .leftJoin(reserveProjects, eq(reserveProjects.id, contracts.projectId))
      .where(where)
      .orderBy(...orderOf(f))
      .limit(f.size)
      .offset((f.page - 1) * f.size),
    db.select({ n: count() }).from(contracts).where(where),
  ]);
  return { rows: await withFigures(db, rows as Omit<ContractRow, 'figures'>[]), total: n };
}

export async function listContractsForExport(db: Q, f: TContractFilter): Promise<ContractRow[]> {
  const rows = await db
    .select(rowColumns)
    .from(contracts)
    .leftJoin(reserveProjects, eq(reserveProjects.id, contracts.projectId))
    .where(await whereOf(db, f))
    .orderBy(...orderOf(f))
    .limit(CONTRACT_EXPORT_LIMIT);
  return withFigures(db, rows as Omit<ContractRow, 'figures'>[]);
}

/** Contracts of a project (its page) or of a parcel (linked directly or through a work package / party). */
export async function listContractsOf(db: Q, of: { projectId: string } | { parcelId: string }): Promise<ContractRow[]> {
  let where: SQL;
  if ('projectId' in of) where = eq(contracts.projectId, of.projectId);
  else {
    const viaParcel = db.select({ id: contractParcels.contractId }).from(contractParcels).where(eq(contractParcels.parcelId, of.parcelId));
    const viaWork = db
      .select({ id: contractWorkPackages.contractId })
      .from(contractWorkPackages)
      .innerJoin(workPackages, eq(workPackages.id, contractWorkPackages.workPackageId))
      .where(eq(workPackages.parcelId, of.parcelId));
    const viaParty = db.select({ id: compensationParties.id }).from(compensationParties).where(eq(compensationParties.parcelId, of.parcelId));
    where = or(inArray(contracts.id, viaParcel), inArray(contracts.id, viaWork), inArray(contracts.partyId, viaParty))!;
  }
  const rows = await db
    .select(rowColumns)
    .from(contracts)
    .leftJoin(reserveProjects, eq(reserveProjects.id, contracts.projectId))
    .where(where)
    .orderBy(asc(contracts.contractNo))
    .limit(200);
  return withFigures(db, rows as Omit<ContractRow, 'figures'>[]);
}

/* ---------------------------------------------------------------- detail */

export interface MilestoneView extends MilestoneState {
  paymentCondition: string;
}

export interface ContractPaymentView {
  id: string;
  entryNo: string;
  entryDate: string;
  amount: string;
  status: string;
  origin: string;
  description: string | null;
}

export interface ContractChangeView {
  id: string;
  seq: number;
  kind: string;
  delta: string;
  reason: string;
  status: TChangeStatus;
  requestedBy: string | null;
  requester: PersonLabel | null;
  requestedAt: Date;
  decider: PersonLabel | null;
  decidedAt: Date | null;
  decisionComment: string | null;
}

export interface ContractDetail extends ContractRow {
  version: number;
  note: string | null;
  statusReason: string | null;
  partyId: string | null;
  partyName: string | null;
  partyParcelId: string | null;
  createdBy: string | null;
  createdAt: Date;
  parcels: { id: string; code: string; name: string }[];
  workPackages: { id: string; workType: string; parcelId: string; parcelCode: string; contractor: string | null }[];
  milestones: MilestoneView[];
  payments: ContractPaymentView[];
  changes: ContractChangeView[];
  attachments: { id: string; fileName: string; sizeBytes: number; mimeType: string; createdAt: Date }[];
}

export async function getContract(db: Q, id: string, opts: { today?: string; soonDays?: number } = {}): Promise<ContractDetail | null> {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return null;
  const [row] = await db
    .select({
      ...rowColumns,
      version: contracts.version,
      note: contracts.note,
      statusReason: contracts.statusReason,
      partyId: contracts.partyId,
      partyName: compensationParties.name,
      partyParcelId: compensationParties.parcelId,
      createdBy: contracts.createdBy,
      createdAt: contracts.createdAt,
    })
    .from(contracts)
    .leftJoin(reserveProjects, eq(reserveProjects.id, contracts.projectId))
    .leftJoin(compensationParties, eq(compensationParties.id, contracts.partyId))
    .where(eq(contracts.id, id));
  if (!row) return null;
  const [[withFig], linkedParcels, works, milestones, payments, changes, files] = await Promise.all([
    withFigures(db, [row as Omit<ContractRow, 'figures'>]),
    db
      .select({ id: parcels.id, code: parcels.code, name: parcels.name })
      .from(contractParcels)
      .innerJoin(parcels, eq(parcels.id, contractParcels.parcelId))
      .where(eq(contractParcels.contractId, id))
      .orderBy(asc(parcels.code)),
    db
      .select({ id: workPackages.id, workType: workPackages.workType, parcelId: workPackages.parcelId, parcelCode: parcels.code, contractor: workPackages.contractor })
      .from(contractWorkPackages)
      .innerJoin(workPackages, eq(workPackages.id, contractWorkPackages.workPackageId))
      .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
      .where(eq(contractWorkPackages.contractId, id))
      .orderBy(asc(parcels.code), asc(workPackages.workType)),
    db.select().from(contractMilestones).where(eq(contractMilestones.contractId, id)).orderBy(asc(contractMilestones.dueOn), asc(contractMilestones.id)),
    db
      .select({
        id: ledgerEntries.id,
        entryNo: ledgerEntries.entryNo,
        entryDate: ledgerEntries.entryDate,
        amount: ledgerEntries.amount,
        status: ledgerEntries.status,
        origin: ledgerEntries.origin,
        description: ledgerEntries.description,
      })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.contractId, id), eq(ledgerEntries.direction, 'expense')))
      .orderBy(asc(ledgerEntries.entryDate), asc(ledgerEntries.entryNo)),
    db.select().from(contractChanges).where(eq(contractChanges.contractId, id)).orderBy(asc(contractChanges.seq)),
    db
      .select({ id: attachments.id, fileName: attachments.fileName, sizeBytes: attachments.sizeBytes, mimeType: attachments.mimeType, createdAt: attachments.createdAt })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ATTACHMENT_OWNER), eq(attachments.ownerId, id)))
      .orderBy(asc(attachments.createdAt)),
  ]);
  const people = await findPeople(db, changes.flatMap((c) => [c.requestedBy, c.decidedBy]));
  const states = milestoneStates(milestones, withFig.figures.paid, opts.today ?? todayInShanghai(), opts.soonDays ?? 30);
  const byId = new Map(milestones.map((m) => [m.id, m]));
  return {
    ...withFig,
    version: row.version,
    note: row.note,
    statusReason: row.statusReason,
    partyId: row.partyId,
    partyName: row.partyName,
    partyParcelId: row.partyParcelId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    parcels: linkedParcels,
    workPackages: works,
    milestones: states.map((s) => ({ ...s, paymentCondition: byId.get(s.id)!.paymentCondition })),
    payments,
    changes: changes.map((c) => ({
      id: c.id,
      seq: c.seq,
      kind: c.kind,
      delta: c.delta,
      reason: c.reason,
      status: c.status as TChangeStatus,
      requestedBy: c.requestedBy,
      requester: personLabel(people, c.requestedBy),
      requestedAt: c.requestedAt,
      decider: personLabel(people, c.decidedBy),
      decidedAt: c.decidedAt,
      decisionComment: c.decisionComment,
    })),
    attachments: files,
  };
}

export async function findContractAttachment(db: Q, id: string) {
  // A guessed id with NUL or other junk never reaches the query.
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return null;
  const [file] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.ownerType, ATTACHMENT_OWNER)));
  return file ?? null;
}

/* ---------------------------------------------------------------- options */

/** Effective contracts for the ledger's contract picker, with what is left to pay. */
export async function listContractPaymentOptions(db: Q): Promise<{ id: string; contractNo: string; name: string; projectId: string | null; counterparty: string; remaining: string }[]> {
  const rows = await db
    .select({ id: contracts.id, contractNo: contracts.contractNo, name: contracts.name, projectId: contracts.projectId, counterparty: contracts.counterparty, amount: contracts.amount })
    .from(contracts)
    .where(eq(contracts.status, 'effective'))
    .orderBy(asc(contracts.contractNo))
    .limit(5000);
  const figures = await figuresFor(db, rows);
  return rows.map((r) => ({ id: r.id, contractNo: r.contractNo, name: r.name, projectId: r.projectId, counterparty: r.counterparty, remaining: figures.get(r.id)!.remaining }));
}

/** Parcels and work packages of a project, for the contract form's links. */
export async function listLinkOptions(db: Q) {
  const [parcelRows, workRows, partyRows] = await Promise.all([
    db.select({ id: parcels.id, code: parcels.code, name: parcels.name, projectId: parcels.projectId }).from(parcels).orderBy(asc(parcels.code)).limit(5000),
    db
      .select({ id: workPackages.id, workType: workPackages.workType, contractor: workPackages.contractor, parcelCode: parcels.code, projectId: parcels.projectId })
      .from(workPackages)
      .innerJoin(parcels, eq(parcels.id, workPackages.parcelId))
      .orderBy(asc(parcels.code), asc(workPackages.workType))
      .limit(5000),
    db
      .select({ id: compensationParties.id, name: compensationParties.name, parcelCode: parcels.code, projectId: parcels.projectId })
      .from(compensationParties)
      .innerJoin(parcels, eq(parcels.id, compensationParties.parcelId))
      .orderBy(asc(parcels.code), asc(compensationParties.name))
      .limit(5000),
  ]);
  return { parcels: parcelRows, workPackages: workRows, parties: partyRows };
}

/* ---------------------------------------------------------------- funds: 合同承诺 */

/**
 * 合同承诺 per project: Σ effective amounts (original + approved changes) of the project's 生效
 * contracts. Completed and terminated contracts commit nothing further; drafts commit nothing yet.
 */
export async function committedByProject(db: Q, projectIds: readonly string[]): Promise<Map<string, TDec>> {
  const out = new Map<string, TDec>();
  if (!projectIds.length) return out;
  const [base, changes] = await Promise.all([
    db
      .select({ projectId: contracts.projectId, total: sql<string>`coalesce(sum(${contracts.amount}), 0)` })
      .from(contracts)
      .where(and(eq(contracts.status, 'effective'), inArray(contracts.projectId, [...projectIds])))
      .groupBy(contracts.projectId),
    db
      .select({ projectId: contracts.projectId, total: sql<string>`coalesce(sum(${contractChanges.delta}), 0)` })
      .from(contractChanges)
      .innerJoin(contracts, eq(contracts.id, contractChanges.contractId))
      .where(and(eq(contracts.status, 'effective'), eq(contractChanges.status, 'approved'), inArray(contracts.projectId, [...projectIds])))
      .groupBy(contracts.projectId),
  ]);
  for (const r of [...base, ...changes]) {
    if (!r.projectId) continue;
    out.set(r.projectId, (out.get(r.projectId) ?? new Dec(0)).plus(dec(r.total)));
  }
  return out;
}
