import { dec } from '@/modules/plans/amounts';
import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitStat } from '@/ui/kit/stat';
import type { ProjectBondSummary } from '../bonds/queries';
import type { ProjectRepayment } from '../bonds/project-checks';
import { COVERAGE_BASIS_LABELS, RULE_SOURCES_FUNDS, type InstalmentCover } from '../rules';
import { Wan, wanColumn } from './funds-kit';

type Allocation = ProjectBondSummary['allocations'][number];

const allocationColumns: Column<Allocation>[] = [
  { key: 'code', title: '债券编号', kind: 'code', value: (r) => r.code, href: (r) => `/funds/bonds/${r.bondId}` },
  { key: 'name', title: '债券名称', kind: 'name', value: (r) => r.name },
  wanColumn('amount', '分配金额', (r) => r.amount, { width: 160 }, true),
];

const instalmentColumns: Column<InstalmentCover>[] = [
  { key: 'bondCode', title: '债券编号', kind: 'code', value: (r) => r.bondCode },
  { key: 'seq', title: '期次', kind: 'count', width: 64, value: (r) => r.seq },
  { key: 'dueDate', title: '还本日期', kind: 'date', value: (r) => r.dueDate },
  wanColumn('principal', '项目应还本金', (r) => r.principal, { width: 160 }, true),
  wanColumn('covered', '出让收入已覆盖', (r) => r.covered, { width: 160 }, true),
  wanColumn('uncovered', '尚未覆盖', (r) => r.uncovered, { width: 160 }, true),
  // Text without a width: it takes what the fixed columns leave, so the amounts keep theirs.
  { key: 'settled', title: '本金', kind: 'text', value: (r) => (r.settled ? '已还' : '未还') },
];

/**
 * Figures, allocations and the 62号 repayment of ProjectBondsPanel, on the server, in 万元 stated
 * once in the card's header (the exact 元 in the tooltips). No island: nothing here runs anything.
 */
export function ProjectBondsPanelView({ summary: s }: { summary: ProjectBondSummary }) {
  const { settings, share, coverage, debt } = s;
  const allocated = s.allocations.reduce((acc, a) => acc.plus(dec(a.amount)), dec(0)).toFixed(2);
  return (
    <KitCard testId="project-bonds-panel" title="专项债券" actions={<span className="lr-muted">金额单位：万元</span>}>
      <div className="lr-stat-row">
        <KitStat title="专项债券资金" value={<Wan value={debt.allocated} />} />
        <KitStat title="应还本金" value={<Wan value={debt.principal} />} />
        <KitStat title="应付利息" value={<Wan value={debt.interest} />} />
        <KitStat title="占预计出让收入" value={share.ratioPercent === null ? '—' : `${share.ratioPercent}%`} note={`上限 ${settings.limitPercent}%（${settings.shareRule}）`} />
        <KitStat
          title={`本息覆盖倍数（${COVERAGE_BASIS_LABELS[coverage.basis]}）`}
          value={coverage.ratio ?? '—'}
          note={`预警值 ${settings.coverageThreshold}`}
          testId="project-bonds-coverage"
        />
      </div>
      <div className="lr-stack lr-panel-block" style={{ gap: 8 }}>
        {share.ok ? null : <KitAlert theme="error">{`${share.message}（${settings.shareRule}）`}</KitAlert>}
        {coverage.requirement && <KitAlert theme="error">{`${coverage.requirement}（${RULE_SOURCES_FUNDS.coverageRequirement}）`}</KitAlert>}
        {coverage.message && <KitAlert theme="warning">{coverage.message}</KitAlert>}
        {share.ok && coverage.covered && coverage.ok && (
          <KitAlert theme="success">{`专项债券资金未超过本中心规定的上限；项目收入能够覆盖债券本息，本息覆盖倍数不低于预警值（${coverage.basisText}）。`}</KitAlert>
        )}
        <div className="lr-muted lr-small">
          依据：{RULE_SOURCES_FUNDS.coverageRequirement}；{RULE_SOURCES_FUNDS.coverage}；上限 {settings.limitPercent}%：{settings.shareSource}
        </div>
      </div>
      <div className="lr-panel-block">
        <DataTable
          testId="project-bond-allocations"
          columns={allocationColumns}
          rows={s.allocations}
          rowKey={(r) => r.bondId}
          moneyUnit="万元"
          unitStated
          totals={{ values: { amount: allocated } }}
        />
      </div>
      {s.repayment && <RepaymentView repayment={s.repayment} />}
    </KitCard>
  );
}

/** 62号: the project's supply income set against its bonds' principal, and unsupplied parcels near a principal date. */
function RepaymentView({ repayment: r }: { repayment: ProjectRepayment }) {
  return (
    <div className="lr-panel-block" data-testid="project-bonds-repayment">
      <div className="lr-subtitle">土地出让收入偿还债券本金</div>
      <div className="lr-stack" style={{ gap: 8 }}>
        {r.warnings.map((w) => (
          <KitAlert key={w.message} theme="warning">
            {w.message}
          </KitAlert>
        ))}
        <div className="lr-muted lr-small">
          债券资金到位后已供应地块 {r.supplies.length} 宗，成交价款 <Wan value={r.supplyIncome} />，按还本日期先后抵偿项目应还本金 <Wan value={r.cover.principal} />：已覆盖{' '}
          <Wan value={r.cover.covered} />，尚未覆盖 <Wan value={r.cover.uncovered} />；未供应地块 {r.unsupplied.length} 宗。依据：{RULE_SOURCES_FUNDS.coverageRequirement}
        </div>
        <DataTable
          testId="project-bond-instalments"
          columns={instalmentColumns}
          rows={r.cover.instalments}
          rowKey={(i) => `${i.bondId}-${i.seq}`}
          moneyUnit="万元"
          unitStated
          empty="没有还本计划"
          totals={{ values: { principal: r.cover.principal, covered: r.cover.covered, uncovered: r.cover.uncovered } }}
        />
      </div>
    </div>
  );
}
