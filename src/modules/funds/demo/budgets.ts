import { Dec, dec, type TDec } from '@/modules/plans/amounts';
import { addDays, maxDate, minDate, yearOf, type Rng } from '@/modules/parcels/demo/random';
import { newId } from '@/platform/ids';
import type { budgetLines, budgetVersions, ledgerEntries } from '../schema';
import { LEDGER_CATEGORIES, toAmount, type TLedgerCategory } from '../rules/money';
import type { FundsDemoInput } from './build';
import { FIRST_DAY, lastDayOf, roundUp } from './common';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type EntryRow = Insert<typeof ledgerEntries>;

/**
 * Whole-life budgets sized from the project's spending (some adjusted once), annual budgets per
 * year. A project given bond money adjusts its whole-life budget when the money arrives: the
 * 融资成本 line takes the bond interest of the whole term (财预〔2019〕89号: financing cost is a
 * budget line, counted once).
 */
export function buildBudgets(rng: Rng, input: FundsDemoInput, entries: EntryRow[], bonds: { interest: ReadonlyMap<string, TDec>; drawnOn: ReadonlyMap<string, string> }) {
  const versions: Insert<typeof budgetVersions>[] = [];
  const lines: Insert<typeof budgetLines>[] = [];
  const spent = new Map<string, TDec>();
  const key = (projectId: string, year: number, category: string) => `${projectId}|${year}|${category}`;
  for (const e of entries) {
    if (e.direction !== 'expense' || e.status !== 'approved') continue;
    for (const year of [0, yearOf(e.entryDate)]) {
      const k = key(e.projectId, year, e.category);
      spent.set(k, (spent.get(k) ?? new Dec(0)).add(e.amount));
    }
  }
  const addVersion = (projectId: string, kind: 'life' | 'annual', year: number, version: number, amounts: Record<TLedgerCategory, TDec>, extra: Partial<Insert<typeof budgetVersions>>) => {
    const id = newId();
    const total = LEDGER_CATEGORIES.reduce((s, c) => s.add(amounts[c]), new Dec(0));
    versions.push({ id, projectId, kind, year, version, total: toAmount(total), createdBy: input.actors.finance.id, isDemo: true, status: 'current', ...extra });
    for (const c of LEDGER_CATEGORIES) lines.push({ versionId: id, category: c, amount: toAmount(amounts[c]) });
    return id;
  };
  const lastDay = lastDayOf(input);
  const lastYear = yearOf(lastDay);
  for (const p of input.projects) {
    const start = maxDate(p.createdAt, FIRST_DAY);
    const startYear = yearOf(start);
    const life = {} as Record<TLedgerCategory, TDec>;
    const estimate = dec(p.estimatedCost);
    for (const c of LEDGER_CATEGORIES) {
      const used = spent.get(key(p.id, 0, c)) ?? new Dec(0);
      const floor = estimate.mul({ 征收补偿: '0.55', 前期开发: '0.25', 管护: '0.05', 融资成本: '0.05', 其他: '0.02' }[c]);
      life[c] = roundUp(Dec.max(used.mul(rng.between(1.05, 1.3).toFixed(3)), floor), 10_000);
    }
    const adjusted = rng.chance(0.3);
    const interest = bonds.interest.get(p.id);
    const drawnOn = bonds.drawnOn.get(p.id);
    const forBond = interest !== undefined && drawnOn !== undefined && roundUp(interest, 10_000).gt(life.融资成本);
    addVersion(p.id, 'life', 0, 1, life, {
      status: adjusted || forBond ? 'superseded' : 'current',
      approvalDocNo: `益土储〔${startYear}〕${rng.int(10, 90)}号`,
      approvedOn: start,
      createdAt: new Date(`${start}T10:00:00+08:00`),
    });
    let current = life;
    let version = 1;
    let since = start;
    if (adjusted) {
      current = { ...life, 征收补偿: roundUp(life.征收补偿.mul('1.08'), 10_000) };
      since = minDate(addDays(start, rng.int(200, 500)), lastDay);
      if (forBond && since >= drawnOn) since = maxDate(addDays(drawnOn, -1), start);
      addVersion(p.id, 'life', 0, ++version, current, {
        status: forBond ? 'superseded' : 'current',
        reason: '征收范围调整，补偿费用增加（演示）',
        approvalDocNo: `益土储〔${yearOf(since)}〕${rng.int(91, 160)}号`,
        approvedOn: since,
        createdAt: new Date(`${since}T10:00:00+08:00`),
      });
    }
    if (forBond) {
      const on = maxDate(drawnOn, since);
      addVersion(p.id, 'life', 0, ++version, { ...current, 融资成本: roundUp(interest, 10_000) }, {
        reason: '使用土地储备专项债券，按还本付息计划调整融资成本（演示）',
        approvalDocNo: `益土储〔${yearOf(on)}〕${rng.int(161, 220)}号`,
        approvedOn: on,
        createdAt: new Date(`${on}T11:00:00+08:00`),
      });
    }
    for (let year = Math.max(startYear, 2022); year <= lastYear; year++) {
      const annual = {} as Record<TLedgerCategory, TDec>;
      let any = false;
      for (const c of LEDGER_CATEGORIES) {
        const used = spent.get(key(p.id, year, c)) ?? new Dec(0);
        // A reversal booked in a later year than its original leaves that year's net spending negative: no budget for it.
        annual[c] = used.lte(0) ? new Dec(0) : roundUp(used.mul(rng.between(1.0, 1.4).toFixed(3)), 10_000);
        if (used.gt(0)) any = true;
      }
      if (!any) continue;
      const approvedOn = minDate(`${year}-01-15`, lastDay);
      addVersion(p.id, 'annual', year, 1, annual, {
        approvalDocNo: `益财预〔${year}〕${rng.int(5, 60)}号`,
        approvedOn,
        createdAt: new Date(`${approvedOn}T10:00:00+08:00`),
      });
    }
  }
  return { versions, lines };
}
