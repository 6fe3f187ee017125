/**
 * Column definitions shared by the balance pages and the Excel export, so both show the same
 * figures under the same names (同一数据, 同一口径). Client-safe: types and constants only.
 */

/** The unit named at the head of the 资金执行情况表. */
export const REPORT_UNIT_NAME = '益阳市土地储备发展中心';
export const REPORT_TITLE = '资金执行情况表';
export const REPORT_INCOME_TITLE = '本年资金到位情况（按资金来源）';
export const REPORT_EXPENSE_TITLE = '预算执行情况（按支出科目）';
/** The three lines of each project in the expense part of the report. */
export const REPORT_LINES = [
  { key: 'budget', label: '年度预算数' },
  { key: 'executed', label: '执行数' },
  { key: 'rate', label: '执行率（%）' },
] as const;
export type TReportLine = (typeof REPORT_LINES)[number]['key'];

export type TCellKind = 'text' | 'money' | 'rate';

/** Figures of a per-project balance row, as the table and the workbook show them. */
export interface BalanceColumn {
  key:
    | 'expectedIncome'
    | 'lifeBudget'
    | 'annualBudget'
    | 'received'
    | 'spent'
    | 'committed'
    | 'outstanding'
    | 'balance'
    | 'executionRate'
    | 'annualRate';
  title: string;
  kind: TCellKind;
  /** Only when a year is chosen. */
  yearOnly?: boolean;
}

/** Columns of /funds/projects; titles depend on whether a year is chosen. */
export function balanceColumns(year: number | null): BalanceColumn[] {
  const y = year === null ? '' : `${year} 年`;
  const cols: BalanceColumn[] = [
    { key: 'expectedIncome', title: '预计出让收入', kind: 'money' },
    { key: 'lifeBudget', title: '全生命周期预算', kind: 'money' },
    { key: 'annualBudget', title: `${year ?? ''} 年度预算`, kind: 'money', yearOnly: true },
    { key: 'received', title: year === null ? '累计到位资金' : `${y}到位资金`, kind: 'money' },
    { key: 'spent', title: year === null ? '累计支出' : `${y}支出`, kind: 'money' },
    { key: 'committed', title: '合同承诺', kind: 'money' },
    { key: 'outstanding', title: '未付承诺', kind: 'money' },
    { key: 'balance', title: year === null ? '资金结余' : `${y}收支差额`, kind: 'money' },
    { key: 'executionRate', title: year === null ? '预算执行率（%）' : '占全周期预算（%）', kind: 'rate' },
    { key: 'annualRate', title: '年度预算执行率（%）', kind: 'rate', yearOnly: true },
  ];
  return cols.filter((c) => year !== null || !c.yearOnly);
}

export const MONTHLY_COLUMNS = [
  { key: 'income', title: '收入' },
  { key: 'expense', title: '支出' },
  { key: 'net', title: '收支净额' },
  { key: 'cumulative', title: '累计余额' },
] as const;

/** 'YYYY-MM' → 'M 月'. */
export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))} 月`;
}

/** A rate string for display: '45.67' → '45.67%', null → '—'. */
export function rateText(rate: string | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${rate}%`;
}
