import { formatWan } from '@/modules/plans/amounts';
import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import { PersonName, personText } from '@/ui/person-name';
import { executionRate, LEDGER_CATEGORIES, sumAmounts } from '../rules';
import type { BudgetProject, CategoryExecution, YearExecution } from '../budgets/queries';
import type { BudgetAmounts, TBudgetKind } from '../budgets/validation';
import type { BudgetVersionView } from '../budgets/view';
import { BudgetEditButton } from './budget-islands';
import { Notice, rateBarColumn, wanColumn } from './funds-kit';
import { YearSelect } from './year-select';

function categoryColumns(hasBudget: boolean): Column<CategoryExecution>[] {
  return [
    { key: 'category', title: '科目', kind: 'name', value: (r) => r.category },
    { ...wanColumn<CategoryExecution>('budget', '预算', (r) => r.budget, { width: 180 }), ...(hasBudget ? {} : { render: () => <span className="lr-muted">—</span> }) },
    wanColumn('spent', '已支出', (r) => r.spent, { width: 180 }),
    rateBarColumn('rate', '执行率', (r) => r.rate, () => hasBudget, 240),
  ];
}

/** The categories of one budget with its totals row, drawn by the same columns. */
function CategoryTable({ rows, hasBudget, testId }: { rows: CategoryExecution[]; hasBudget: boolean; testId: string }) {
  const budget = sumAmounts(rows.map((r) => r.budget));
  const spent = sumAmounts(rows.map((r) => r.spent));
  const rate = hasBudget ? executionRate(spent, budget) : null;
  return (
    <DataTable
      testId={testId}
      columns={categoryColumns(hasBudget)}
      rows={rows}
      rowKey={(r) => r.category}
      moneyUnit="万元"
      totals={{ values: { ...(hasBudget ? { budget } : {}), spent, ...(rate === null ? {} : { rate }) } }}
    />
  );
}

function VersionLine({ v }: { v: BudgetVersionView | null }) {
  if (!v) return <span className="lr-muted">尚未编制</span>;
  return (
    <span className="lr-muted">
      第 {v.version} 版 · 合计 {formatWan(v.total)} 万元 · {v.approvalDocNo ? `批准文号 ${v.approvalDocNo}` : '未填批准文号'}
      {v.approvedOn ? `（${v.approvedOn}）` : ''} · {personText(v.createdBy) || '—'} 于 {v.createdAt} 保存
    </span>
  );
}

/** What a version set or changed, on one line (the whole text in the tooltip). */
function changeText(v: BudgetVersionView): string {
  if (v.version === 1) return `${LEDGER_CATEGORIES.map((c) => `${c} ${formatWan(v.amounts[c])}`).join('；')}（万元）`;
  return v.changeTexts.length ? v.changeTexts.join('；') : '金额未变化';
}

const HISTORY_COLUMNS: Column<BudgetVersionView>[] = [
  // Sized to fit 1440 px: the approval date is in the 批准文号 tooltip.
  { key: 'scopeLabel', title: '预算', kind: 'text', width: 118, value: (r) => r.scopeLabel },
  { key: 'version', title: '版本', kind: 'text', width: 60, value: (r) => `第 ${r.version} 版` },
  { key: 'status', title: '状态', kind: 'tag', width: 64, render: (r) => <KitTag theme={r.status === 'current' ? 'success' : 'default'}>{r.statusLabel}</KitTag> },
  wanColumn('total', '合计', (r) => r.total, { width: 100 }),
  { key: 'changes', title: '各科目金额 / 与上一版相比', kind: 'text', value: changeText, tooltip: changeText },
  { key: 'reason', title: '调整原因', kind: 'text', width: 110, value: (r) => r.reason ?? (r.version === 1 ? '初始版本' : null), tooltip: (r) => r.reason ?? undefined },
  {
    key: 'approvalDocNo',
    title: '批准文号',
    kind: 'code',
    width: 136,
    value: (r) => r.approvalDocNo,
    tooltip: (r) => (r.approvalDocNo ? `${r.approvalDocNo}${r.approvedOn ? `，${r.approvedOn} 批准` : ''}` : undefined),
  },
  { key: 'createdBy', title: '编制人', kind: 'person', width: 124, tooltip: (r) => personText(r.createdBy) || undefined, render: (r) => <PersonName person={r.createdBy} /> },
  { key: 'createdAt', title: '保存时间', kind: 'datetime', width: 150, value: (r) => r.createdAt },
];

/**
 * A project's budgets on the kit, in 万元: the life budget and the chosen year's by category
 * with totals rows, execution by year, and the version history. Islands: the year select and
 * 编制 / 调整预算.
 */
export function BudgetDetailView(props: {
  project: BudgetProject;
  year: number;
  years: number[];
  life: BudgetVersionView | null;
  annualOfYear: BudgetVersionView | null;
  annual: { year: number; amounts: BudgetAmounts }[];
  lifeExecution: CategoryExecution[];
  annualExecution: CategoryExecution[];
  byYear: YearExecution[];
  history: BudgetVersionView[];
  warnings: string[];
  canEdit: boolean;
}) {
  const { project, year, life, annualOfYear } = props;
  const closed = project.status === 'closed';
  const lifeSpent = sumAmounts(props.lifeExecution.map((r) => r.spent));
  const path = `/funds/budgets/${project.id}`;
  const editButton = (kind: TBudgetKind, current: BudgetVersionView | null) =>
    props.canEdit && !closed ? (
      <BudgetEditButton projectId={project.id} projectName={`${project.code} ${project.name}`} kind={kind} year={year} current={current} life={life?.amounts ?? null} annual={props.annual} />
    ) : null;
  const yearColumns: Column<YearExecution>[] = [
    {
      key: 'year',
      title: '年度',
      kind: 'text',
      width: 100,
      render: (r) =>
        r.year === year ? (
          <strong>{r.year} 年</strong>
        ) : (
          <a className="lr-link" href={`${path}?year=${r.year}`}>
            {r.year} 年
          </a>
        ),
    },
    { ...wanColumn<YearExecution>('budget', '年度预算', (r) => r.budget, { width: 180 }), render: (r) => (r.hasBudget ? <>{formatWan(r.budget)}</> : <span className="lr-muted">未编制</span>) },
    wanColumn('spent', '已审批支出', (r) => r.spent, { width: 180 }),
    rateBarColumn('rate', '执行率', (r) => r.rate, (r) => r.hasBudget, 240),
  ];
  return (
    <div className="lr-stack">
      <KitCard
        testId="budget-project"
        title={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <span>
              {project.code} {project.name}
            </span>
            {closed && <KitTag>已关闭</KitTag>}
            {project.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={
          <span className="lr-tags" style={{ gap: 12 }}>
            <a className="lr-link" href="/funds/budgets">
              返回项目预算
            </a>
            <a className="lr-link" href={`/projects/${project.id}`}>
              项目详情
            </a>
          </span>
        }
      >
        {closed && <Notice theme="info">项目已关闭，预算只可查看，不能再编制或调整。</Notice>}
        <DescList
          column={3}
          items={[
            { label: '预计土地出让收入', content: `${formatWan(project.expectedIncome)} 万元` },
            { label: '估算总成本', content: `${formatWan(project.estimatedCost)} 万元` },
            { label: '全生命周期预算', content: life ? `${formatWan(life.total)} 万元（第 ${life.version} 版）` : '尚未编制' },
            { label: '累计已审批支出', content: `${formatWan(lifeSpent)} 万元` },
          ]}
        />
      </KitCard>

      {props.warnings.length > 0 && (
        <Notice theme="warning">
          <strong>年度预算合计超过全生命周期预算</strong>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="budget-warnings">
            {props.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      )}
      {!life && props.annual.length > 0 && <Notice theme="warning">尚未编制全生命周期预算，年度预算无法与之对照。</Notice>}

      <KitCard title="全生命周期预算" actions={editButton('life', life)}>
        <div style={{ marginBottom: 8 }}>
          <VersionLine v={life} />
        </div>
        <CategoryTable rows={props.lifeExecution} hasBudget={!!life} testId="life-execution" />
      </KitCard>

      <KitCard
        title={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <span>年度预算</span>
            <YearSelect path={path} year={year} years={props.years} />
          </span>
        }
        actions={editButton('annual', annualOfYear)}
      >
        <div style={{ marginBottom: 8 }}>
          <VersionLine v={annualOfYear} />
        </div>
        <CategoryTable rows={props.annualExecution} hasBudget={!!annualOfYear} testId="annual-execution" />
        <div className="lr-muted" style={{ marginTop: 8, fontSize: 12 }}>
          已支出 = 记账日期在 {year} 年内的已审批支出（含冲销）。
        </div>
      </KitCard>

      <KitCard title="各年度预算执行">
        <DataTable testId="budget-by-year" columns={yearColumns} rows={props.byYear} rowKey={(r) => String(r.year)} moneyUnit="万元" empty="尚无年度预算或已审批支出" />
      </KitCard>

      <KitCard title="版本历史">
        <DataTable testId="budget-history" columns={HISTORY_COLUMNS} rows={props.history} rowKey={(r) => r.id} moneyUnit="万元" empty="尚未编制任何预算" />
      </KitCard>
    </div>
  );
}
