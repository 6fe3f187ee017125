import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client';
import { compensationParties, parcelEvents, parcels, reserveProjects, supplies, workPackages } from '../../src/modules/parcels/schema';
import { bondAllocations, bondPayments, bonds, bondSchedule, budgetVersions, ledgerEntries, ledgerSteps } from '../../src/modules/funds/schema';
import { STEP_LABELS } from '../../src/modules/funds/ledger/store';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedReserveDemo } from '../../src/modules/parcels/demo-seed';
import { seedFundsDemo } from '../../src/modules/funds/demo-seed';
import { formatDateTime, todayInShanghai } from '../../src/ui/format';
import { createTestDatabase } from '../helpers/db';

/**
 * The demo data tells one story in time order: every ledger entry's workflow runs forward
 * (created ≤ submitted ≤ reviewed ≤ approved ≤ leader-approved, each step starting where the
 * previous one ended), payments follow the records they pay for, and nothing happened after the
 * moment the demo was generated.
 */

let database: Database;
/** When the funds demo was generated (an early hour of today), and when the reserve demo was. */
let seededAt: Date;
let reserveSeededAt: Date;
const db = () => database.db;
const day = (t: Date) => todayInShanghai(t);

type Entry = typeof ledgerEntries.$inferSelect;
type Step = typeof ledgerSteps.$inferSelect;
type Event = typeof parcelEvents.$inferSelect;
let entries: Entry[];
let stepsByEntry: Map<string, Step[]>;
let eventsByParcel: Map<string, Event[]>;

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

/** The first date a parcel entered `stage`, or null. */
function enteredOn(parcelId: string, stage: string): string | null {
  return (eventsByParcel.get(parcelId) ?? []).find((e) => e.toStage === stage)?.eventDate ?? null;
}

/** Problems as readable lines; a test expects none (and shows the first few when it fails). */
function problems(): { add(cond: boolean, line: () => string): void; list: string[] } {
  const list: string[] = [];
  return { add: (cond, line) => void (cond || list.length >= 8 || list.push(line())), list };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFoundationDemo(db());
  await seedReserveDemo(db());
  reserveSeededAt = new Date();
  // Generated early in the morning: yesterday's workflow at its usual pace would run into the day.
  seededAt = new Date(Math.min(Date.now(), Date.parse(`${todayInShanghai()}T07:05:00+08:00`)));
  await seedFundsDemo(db(), seededAt);
  entries = await db().select().from(ledgerEntries);
  // The trail in time order; equal times keep the order in which the steps were written (ids are time-ordered).
  const steps = (await db().select().from(ledgerSteps)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  stepsByEntry = groupBy(steps, (s) => s.entryId);
  const events = (await db().select().from(parcelEvents)).sort((a, b) => a.seq - b.seq);
  eventsByParcel = groupBy(events, (e) => e.parcelId);
}, 180_000);
afterAll(async () => {
  await database?.close();
});

describe('demo ledger workflow', () => {
  it('runs every entry’s steps forward: each starts where the previous ended, times never go back, the last leaves the entry’s status', () => {
    const p = problems();
    expect(entries.length).toBeGreaterThan(1000);
    for (const e of entries) {
      const own = (stepsByEntry.get(e.id) ?? []).filter((s) => !(s.fromStatus === 'approved' && s.toStatus === 'approved'));
      p.add(own.length > 0, () => `${e.entryNo}: no steps`);
      if (!own.length) continue;
      p.add(own[0].fromStatus === null, () => `${e.entryNo}: first step ${own[0].action} starts from ${own[0].fromStatus}`);
      for (let i = 1; i < own.length; i++) {
        p.add(own[i].fromStatus === own[i - 1].toStatus, () => `${e.entryNo}: ${own[i - 1].action} → ${own[i - 1].toStatus} at ${formatDateTime(own[i - 1].createdAt)}, then ${own[i].action} from ${own[i].fromStatus} at ${formatDateTime(own[i].createdAt)}`);
      }
      p.add(own.at(-1)!.toStatus === e.status, () => `${e.entryNo}: status ${e.status}, last step to ${own.at(-1)!.toStatus}`);
      for (const s of stepsByEntry.get(e.id)!) p.add(s.action in STEP_LABELS, () => `${e.entryNo}: unknown step action ${s.action}`);
    }
    expect(p.list).toEqual([]);
  });

  it('stamps submission, review, approval and leader approval in that order, as their steps say, after the entry was created', () => {
    const p = problems();
    const stepAt = (e: Entry, action: string) => stepsByEntry.get(e.id)?.filter((s) => s.action === action).at(-1)?.createdAt.getTime() ?? null;
    for (const e of entries) {
      const times = [e.createdAt, e.submittedAt, e.reviewedAt, e.approvedAt, e.leaderAt].filter((t): t is Date => t !== null).map((t) => t.getTime());
      p.add(
        times.every((t, i) => i === 0 || t >= times[i - 1]),
        () => `${e.entryNo}: created ${formatDateTime(e.createdAt)}, submitted ${formatDateTime(e.submittedAt)}, reviewed ${formatDateTime(e.reviewedAt)}, approved ${formatDateTime(e.approvedAt)}, leader ${formatDateTime(e.leaderAt)}`,
      );
      p.add(!e.approvedAt || (e.reviewedAt !== null && e.approvedAt >= e.reviewedAt), () => `${e.entryNo}: approved without or before its review`);
      p.add(e.submittedAt === null || day(e.submittedAt) >= e.entryDate, () => `${e.entryNo}: dated ${e.entryDate}, submitted ${formatDateTime(e.submittedAt)}`);
      const first = stepsByEntry.get(e.id)?.[0];
      p.add(!first || first.createdAt >= e.createdAt, () => `${e.entryNo}: created ${formatDateTime(e.createdAt)} after its first step ${formatDateTime(first!.createdAt)}`);
      for (const [column, action] of [
        [e.reviewedAt, 'review'],
        [e.approvedAt, 'approve'],
        [e.leaderAt, 'leader-approve'],
      ] as const) {
        if (column) p.add(stepAt(e, action) === column.getTime(), () => `${e.entryNo}: ${action} at ${formatDateTime(column)} but its step says ${stepAt(e, action) && formatDateTime(new Date(stepAt(e, action)!))}`);
      }
    }
    expect(p.list).toEqual([]);
  });

  it('puts nothing in the future', () => {
    const p = problems();
    const now = seededAt.getTime();
    for (const e of entries) {
      for (const t of [e.createdAt, e.submittedAt, e.reviewedAt, e.approvedAt, e.leaderAt]) p.add(!t || t.getTime() <= now, () => `${e.entryNo}: ${formatDateTime(t)} is after ${formatDateTime(seededAt)}`);
      p.add(e.entryDate <= day(seededAt), () => `${e.entryNo}: dated ${e.entryDate}`);
    }
    for (const list of stepsByEntry.values()) for (const s of list) p.add(s.createdAt.getTime() <= now, () => `step ${s.action} at ${formatDateTime(s.createdAt)}`);
    expect(p.list).toEqual([]);
  });

  it('reverses an entry only after it was approved', () => {
    const p = problems();
    const byId = new Map(entries.map((e) => [e.id, e]));
    const reversals = entries.filter((e) => e.origin === 'reversal');
    expect(reversals.length).toBeGreaterThan(0);
    for (const r of reversals) {
      const original = byId.get(r.reversalOf!)!;
      p.add(original.approvedAt !== null && r.createdAt >= original.approvedAt, () => `${r.entryNo} created ${formatDateTime(r.createdAt)}, ${original.entryNo} approved ${formatDateTime(original.approvedAt)}`);
      p.add(r.entryDate >= original.entryDate, () => `${r.entryNo} dated before ${original.entryNo}`);
      const marks = (stepsByEntry.get(original.id) ?? []).filter((s) => s.fromStatus === 'approved' && s.toStatus === 'approved');
      p.add(marks.every((s) => original.approvedAt !== null && s.createdAt >= original.approvedAt), () => `${original.entryNo}: reversal noted before approval`);
    }
    expect(p.list).toEqual([]);
  });
});

describe('demo payments follow what they pay for', () => {
  it('pays compensation after the agreement and, for a parcel taken into reserve, before it entered the reserve', async () => {
    const p = problems();
    const parties = new Map((await db().select().from(compensationParties)).map((x) => [x.id, x]));
    for (const e of entries.filter((x) => x.origin === 'compensation')) {
      const party = parties.get(e.partyId!)!;
      p.add(party.agreementSignedOn !== null && e.entryDate >= party.agreementSignedOn, () => `${e.entryNo} dated ${e.entryDate}, agreement ${party.agreementSignedOn}`);
      const reserved = enteredOn(party.parcelId, '已入库');
      p.add(!reserved || e.entryDate <= reserved, () => `${e.entryNo} dated ${e.entryDate}, parcel entered the reserve ${reserved}`);
      const cancelled = enteredOn(party.parcelId, '终止');
      p.add(!cancelled || e.entryDate <= cancelled, () => `${e.entryNo} dated ${e.entryDate}, parcel cancelled ${cancelled}`);
    }
    expect(p.list).toEqual([]);
  });

  it('a parcel in the reserve had every household paid in full by approved payments, approved by the day it entered', async () => {
    // The 入库 guard's own rule: paid means approved ledger payments (DOMAIN.md 收储中).
    const p = problems();
    const parties = await db().select().from(compensationParties);
    const paid = new Map<string, number>();
    const approvedLate: string[] = [];
    for (const e of entries.filter((x) => x.partyId && x.status === 'approved')) {
      paid.set(e.partyId!, (paid.get(e.partyId!) ?? 0) + Math.round(Number(e.amount) * 100));
      const party = parties.find((x) => x.id === e.partyId)!;
      const reserved = enteredOn(party.parcelId, '已入库');
      const approvedOn = e.leaderAt ?? e.approvedAt;
      if (reserved && e.amount.charAt(0) !== '-' && approvedOn && day(approvedOn) > reserved) approvedLate.push(`${e.entryNo} approved ${day(approvedOn)}, parcel entered the reserve ${reserved}`);
    }
    let reservedParties = 0;
    for (const party of parties) {
      if (!enteredOn(party.parcelId, '已入库')) continue;
      reservedParties++;
      const cents = Math.round(Number(party.amountAgreed) * 100);
      p.add((paid.get(party.id) ?? 0) >= cents, () => `party ${party.name} of a reserved parcel: agreed ${party.amountAgreed}, approved payments ${(paid.get(party.id) ?? 0) / 100}`);
    }
    expect(reservedParties).toBeGreaterThan(100);
    expect(p.list).toEqual([]);
    expect(approvedLate.slice(0, 8)).toEqual([]);
  });

  it('pays works after they started, land-sale income after the deal, and custody only while the parcel is held', async () => {
    const p = problems();
    const works = groupBy(await db().select().from(workPackages), (w) => w.parcelId);
    const deals = groupBy(await db().select().from(supplies), (s) => s.parcelId);
    for (const e of entries.filter((x) => x.parcelId && x.origin === 'manual')) {
      const parcelId = e.parcelId!;
      if (e.category === '前期开发') {
        const started = (works.get(parcelId) ?? []).map((w) => w.startedOn).filter((d): d is string => !!d).sort()[0];
        p.add(!!started && e.entryDate >= started, () => `${e.entryNo} dated ${e.entryDate}, first works started ${started}`);
      }
      if (e.category === '土地出让收入安排') {
        const dealt = (deals.get(parcelId) ?? []).filter((s) => s.status === '成交').map((s) => s.dealDate!);
        p.add(dealt.some((d) => e.entryDate >= d), () => `${e.entryNo} dated ${e.entryDate}, deals ${dealt.join(', ')}`);
      }
      if (e.category === '管护') {
        const reserved = enteredOn(parcelId, '已入库');
        p.add(!!reserved && e.entryDate >= reserved, () => `${e.entryNo} dated ${e.entryDate}, reserved ${reserved}`);
      }
    }
    expect(p.list).toEqual([]);
  });

  it('allocates bonds after issue to projects that exist, records payments when due and posts their interest after them', async () => {
    const p = problems();
    const bondRows = new Map((await db().select().from(bonds)).map((b) => [b.id, b]));
    const projectStart = new Map((await db().select({ id: reserveProjects.id, createdAt: reserveProjects.createdAt }).from(reserveProjects)).map((r) => [r.id, day(r.createdAt)]));
    for (const a of await db().select().from(bondAllocations)) {
      const bond = bondRows.get(a.bondId)!;
      p.add(a.allocatedOn >= bond.issueDate, () => `${bond.code}: allocated ${a.allocatedOn} before issue ${bond.issueDate}`);
      p.add(a.allocatedOn >= projectStart.get(a.projectId)!, () => `${bond.code}: allocated ${a.allocatedOn} to a project started ${projectStart.get(a.projectId)}`);
      p.add(a.createdAt.getTime() <= seededAt.getTime(), () => `${bond.code}: allocation recorded in the future`);
    }
    const payments = await db().select().from(bondPayments);
    // Every instalment due before the seeding day is paid, once (the 2025 bonds have paid their first coupons).
    const due = (await db().select().from(bondSchedule)).filter((r) => r.dueDate < day(seededAt));
    expect(payments.map((x) => x.scheduleId).sort()).toEqual(due.map((r) => r.id).sort());
    expect(payments.length).toBeGreaterThanOrEqual(2);
    for (const pay of payments) {
      const bond = bondRows.get(pay.bondId)!;
      p.add(pay.paidOn >= bond.issueDate && pay.paidOn <= day(seededAt), () => `${bond.code}: paid ${pay.paidOn}`);
      p.add(day(pay.createdAt) >= pay.paidOn && pay.createdAt <= seededAt, () => `${bond.code}: paid ${pay.paidOn}, recorded ${formatDateTime(pay.createdAt)}`);
      for (const e of entries.filter((x) => x.bondPaymentId === pay.id)) {
        p.add(e.createdAt >= pay.createdAt, () => `${e.entryNo}: interest posted ${formatDateTime(e.createdAt)} before the payment was recorded ${formatDateTime(pay.createdAt)}`);
      }
    }
    expect(p.list).toEqual([]);
  });

  it('saves budget versions one after another, never in the future', async () => {
    const p = problems();
    const versions = groupBy(await db().select().from(budgetVersions), (v) => `${v.projectId}|${v.kind}|${v.year}`);
    for (const list of versions.values()) {
      list.sort((a, b) => a.version - b.version);
      list.forEach((v, i) => {
        p.add(v.createdAt <= seededAt, () => `budget ${v.kind} ${v.year} v${v.version} saved ${formatDateTime(v.createdAt)}`);
        p.add(!v.approvedOn || v.approvedOn <= day(v.createdAt), () => `budget ${v.kind} ${v.year} v${v.version} approved ${v.approvedOn}, saved ${formatDateTime(v.createdAt)}`);
        p.add(i === 0 || v.createdAt >= list[i - 1].createdAt, () => `budget ${v.kind} ${v.year} v${v.version} saved before v${list[i - 1].version}`);
      });
    }
    expect(p.list).toEqual([]);
  });
});

describe('demo parcel records in time', () => {
  it('records every event on or after its date and in sequence, after the parcel was registered, never in the future', async () => {
    const p = problems();
    const registered = new Map((await db().select({ id: parcels.id, code: parcels.code, createdAt: parcels.createdAt }).from(parcels)).map((r) => [r.id, r]));
    for (const [parcelId, events] of eventsByParcel) {
      const parcel = registered.get(parcelId)!;
      events.forEach((e, i) => {
        p.add(day(e.createdAt) >= e.eventDate && e.createdAt <= reserveSeededAt, () => `${parcel.code} #${e.seq}: dated ${e.eventDate}, recorded ${formatDateTime(e.createdAt)}`);
        p.add(i === 0 || (e.eventDate >= events[i - 1].eventDate && e.createdAt >= events[i - 1].createdAt), () => `${parcel.code} #${e.seq} before #${events[i - 1].seq}`);
      });
      p.add(events[0].createdAt >= parcel.createdAt, () => `${parcel.code}: first event recorded before the parcel`);
    }
    expect(p.list).toEqual([]);
  });
});
