import { formatYuan } from '@/modules/plans/amounts';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { formatCell } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { sumAmounts } from '../rules';
import type { BondListRow } from '../bonds/queries';
import { BondStatusMark, ratePercentText } from './bond-marks';
import { NewBondButton } from './bond-islands';
import { wanColumn } from './funds-kit';

const wan = (yuan: string) => formatCell('money', yuan, '万元');

/**
 * The bond list's columns fit 1440 px: the figures a bond is watched by are columns; the rest
 * (issue date, allocation split, principal repaid, interest paid, repayment terms) are in the cells' tooltips and
 * on the bond's page.
 */
const COLUMNS: Column<BondListRow>[] = [
  { key: 'code', title: '债券代码', kind: 'code', width: 140, value: (r) => r.code, href: (r) => `/funds/bonds/${r.id}`, tooltip: (r) => r.code },
  {
    key: 'name',
    title: '债券名称',
    kind: 'name',
    tooltip: (r) => r.name,
    value: (r) => r.name,
    href: (r) => `/funds/bonds/${r.id}`,
    demo: (r) => r.isDemo,
  },
  wanColumn('amount', '发行金额', (r) => r.amount, { width: 128, tooltip: (r) => `${formatYuan(r.amount)} 元；已分配 ${wan(r.allocated)} 万元，未分配 ${wan(r.unallocated)} 万元` }),
  {
    key: 'terms',
    title: '利率 · 期限',
    kind: 'text',
    width: 118,
    value: (r) => `${ratePercentText(r.annualRate)} · ${r.termYears} 年`,
    tooltip: (r) => `票面年利率 ${ratePercentText(r.annualRate)}，期限 ${r.termYears} 年，${r.repaymentTypeLabel}`,
  },
  { key: 'maturityDate', title: '到期日', kind: 'date', value: (r) => r.maturityDate, tooltip: (r) => `发行日期（起息日）${r.issueDate}，到期日 ${r.maturityDate}` },
  wanColumn('outstanding', '未还本金', (r) => r.outstandingPrincipal, {
    width: 128,
    tooltip: (r) => `已还本金 ${wan(r.principalRepaid)} 万元，已付利息 ${wan(r.interestPaid)} 万元`,
  }),
  {
    key: 'nextDue',
    title: '下次应付（万元）',
    kind: 'text',
    width: 180,
    value: (r) => (r.nextDueDate ? `${r.nextDueDate} · ${wan(r.nextDueAmount ?? '0')}` : null),
    tooltip: (r) => (r.nextDueDate ? `${r.nextDueDate} 应付 ${formatYuan(r.nextDueAmount ?? '0')} 元` : undefined),
  },
  { key: 'status', title: '状态', kind: 'tag', width: 72, render: (r) => <BondStatusMark status={r.status} label={r.statusLabel} /> },
];

/** 专项债券 on the page kit, in 万元: every bond (newest issue first) with its totals; 新增债券 is the one island. */
export function BondsList(props: { rows: BondListRow[]; canEdit: boolean; annualCouponMaxYears: number }) {
  const { rows } = props;
  const total = (pick: (r: BondListRow) => string) => sumAmounts(rows.map(pick));
  return (
    <KitCard
      title="专项债券"
      testId="bonds"
      actions={
        <span className="lr-tags" style={{ gap: 12, alignItems: 'center' }}>
          <span className="lr-muted" data-testid="bonds-total">
            共 {rows.length} 支，发行金额合计 {wan(total((r) => r.amount))} 万元，未还本金 {wan(total((r) => r.outstandingPrincipal))} 万元
          </span>
          {props.canEdit && <NewBondButton annualCouponMaxYears={props.annualCouponMaxYears} />}
        </span>
      }
    >
      <DataTable
        testId="bonds-table"
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        moneyUnit="万元"
        striped
        empty="尚未登记专项债券"
        totals={{
          values: {
            amount: total((r) => r.amount),
            outstanding: total((r) => r.outstandingPrincipal),
          },
        }}
      />
    </KitCard>
  );
}
