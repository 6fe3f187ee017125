'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { EditIcon } from 'tdesign-icons-react';
import { PersonName, personText } from '@/ui/person-name';
import { formatWan } from '@/modules/plans/amounts';
import { executionRate, LEDGER_CATEGORIES, sumAmounts } from '../../rules';
import type { CategoryExecution, YearExecution } from '../queries';
import type { BudgetAmounts, TBudgetKind } from '../validation';
import type { BudgetVersionView } from '../view';
import { BudgetFormDialog } from './budget-form-dialog';
import { Wan } from './budgets-client';
import { ExecutionRate } from './execution-rate';
import type { BudgetProject } from '../queries';

/** The project as the page receives it: all plain values. */
export type BudgetProjectView = BudgetProject;

type CategoryRow = CategoryExecution & { key: string; foot?: boolean };

function CategoryTable({ rows, hasBudget, testId }: { rows: CategoryExecution[]; hasBudget: boolean; testId: string }) {
  const budget = sumAmounts(rows.map((r) => r.budget));
  const spent = sumAmounts(rows.map((r) => r.spent));
  const data: CategoryRow[] = rows.map((r) => ({ ...r, key: r.category }));
  const foot: CategoryRow[] = [{ key: 'total', category: '合计', budget, spent, rate: executionRate(spent, budget), foot: true }];
  // tdesign hands the foot row to `foot` at run time (TFoot's renderTFootCell) though its type leaves `row` out.
  const both = (render: (row: CategoryRow) => ReactNode) => ({
    cell: ({ row }: { row: CategoryRow }) => render(row),
    foot: ((p: { row: CategoryRow }) => render(p.row)) as unknown as PrimaryTableCol<CategoryRow>['foot'],
  });
  const columns: PrimaryTableCol<CategoryRow>[] = [
    { colKey: 'category', title: '科目', width: 120, ...both((r) => (r.foot ? <strong>合计</strong> : r.category)) },
    { colKey: 'budget', title: '预算（万元）', width: 150, align: 'right', ...both((r) => (hasBudget ? <Wan yuan={r.budget} /> : <span className="lr-muted">—</span>)) },
    { colKey: 'spent', title: '已支出（万元）', width: 150, align: 'right', ...both((r) => <Wan yuan={r.spent} />) },
    { colKey: 'rate', title: '执行率', minWidth: 200, ...both((r) => <ExecutionRate rate={r.rate} hasBudget={hasBudget} width={200} />) },
  ];
  return <Table<CategoryRow> rowKey="key" data={data} footData={foot} columns={columns} size="small" bordered tableLayout="auto" data-testid={testId} />;
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

function HistoryTable({ history }: { history: BudgetVersionView[] }) {
  const columns: PrimaryTableCol<BudgetVersionView>[] = [
    { colKey: 'scopeLabel', title: '预算', width: 140 },
    { colKey: 'version', title: '版本', width: 80, cell: ({ row }) => `第 ${row.version} 版` },
    {
      colKey: 'status',
      title: '状态',
      width: 90,
      cell: ({ row }) => (
        <Tag size="small" theme={row.status === 'current' ? 'success' : 'default'} variant="light">
          {row.statusLabel}
        </Tag>
      ),
    },
    { colKey: 'total', title: '合计（万元）', width: 130, align: 'right', cell: ({ row }) => <Wan yuan={row.total} /> },
    {
      colKey: 'changes',
      title: '各科目金额 / 与上一版相比',
      minWidth: 300,
      cell: ({ row }) =>
        row.version === 1 ? (
          <span className="lr-muted">{LEDGER_CATEGORIES.map((c) => `${c} ${formatWan(row.amounts[c])}`).join('；')}（万元）</span>
        ) : row.changeTexts.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {row.changeTexts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <span className="lr-muted">金额未变化</span>
        ),
    },
    { colKey: 'reason', title: '调整原因', width: 200, cell: ({ row }) => row.reason ?? <span className="lr-muted">{row.version === 1 ? '初始版本' : '—'}</span> },
    { colKey: 'approvalDocNo', title: '批准文号', width: 170, cell: ({ row }) => row.approvalDocNo ?? <span className="lr-muted">—</span> },
    { colKey: 'approvedOn', title: '批准日期', width: 110, cell: ({ row }) => (row.approvedOn ? <span className="lr-line">{row.approvedOn}</span> : <span className="lr-muted">—</span>) },
    { colKey: 'createdBy', title: '编制人', width: 170, cell: ({ row }) => <PersonName person={row.createdBy} /> },
    { colKey: 'createdAt', title: '保存时间', width: 170 },
  ];
  return (
    <div data-testid="budget-history">
      <Table<BudgetVersionView> rowKey="id" data={history} columns={columns} size="small" bordered tableLayout="auto" empty="尚未编制任何预算" />
    </div>
  );
}

export function BudgetDetailClient(props: {
  project: BudgetProjectView;
  year: number;
  years: number[];
  life: BudgetVersionView | null;
  annualOfYear: BudgetVersionView | null;
  /** Current annual budgets of every year (for the warning preview). */
  annual: { year: number; amounts: BudgetAmounts }[];
  lifeExecution: CategoryExecution[];
  annualExecution: CategoryExecution[];
  byYear: YearExecution[];
  history: BudgetVersionView[];
  warnings: string[];
  canEdit: boolean;
}) {
  const { project, year, life, annualOfYear } = props;
  const router = useRouter();
  const [editing, setEditing] = useState<TBudgetKind | null>(null);
  const closed = project.status === 'closed';
  const lifeSpent = sumAmounts(props.lifeExecution.map((r) => r.spent));
  const goYear = (y: number) => router.push(`/funds/budgets/${project.id}?year=${y}`);

  const editButton = (kind: TBudgetKind, current: BudgetVersionView | null) =>
    props.canEdit && !closed ? (
      <Button theme="primary" variant={current ? 'outline' : 'base'} icon={<EditIcon />} onClick={() => setEditing(kind)}>
        {current ? '调整预算' : '编制预算'}
      </Button>
    ) : null;

  const yearColumns: PrimaryTableCol<YearExecution>[] = [
    {
      colKey: 'year',
      title: '年度',
      width: 100,
      cell: ({ row }) => (row.year === year ? <strong>{row.year} 年</strong> : <Link href={`/funds/budgets/${project.id}?year=${row.year}`}>{row.year} 年</Link>),
    },
    { colKey: 'budget', title: '年度预算（万元）', width: 150, align: 'right', cell: ({ row }) => (row.hasBudget ? <Wan yuan={row.budget} /> : <span className="lr-muted">未编制</span>) },
    { colKey: 'spent', title: '已审批支出（万元）', width: 150, align: 'right', cell: ({ row }) => <Wan yuan={row.spent} /> },
    { colKey: 'rate', title: '执行率', minWidth: 200, cell: ({ row }) => <ExecutionRate rate={row.rate} hasBudget={row.hasBudget} width={200} /> },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title={
          <Space size={8} align="center">
            <span>
              {project.code} {project.name}
            </span>
            {closed && (
              <Tag size="small" variant="light">
                已关闭
              </Tag>
            )}
            {project.isDemo && (
              <Tag size="small" theme="warning" variant="light">
                演示
              </Tag>
            )}
          </Space>
        }
        actions={
          <Space>
            <Link href="/funds/budgets">返回项目预算</Link>
            <Link href={`/projects/${project.id}`}>项目详情</Link>
          </Space>
        }
      >
        {closed && <Alert theme="info" style={{ marginBottom: 12 }} message="项目已关闭，预算只可查看，不能再编制或调整。" />}
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: '预计土地出让收入', content: `${formatWan(project.expectedIncome)} 万元` },
            { label: '估算总成本', content: `${formatWan(project.estimatedCost)} 万元` },
            { label: '全生命周期预算', content: life ? `${formatWan(life.total)} 万元（第 ${life.version} 版）` : '尚未编制' },
            { label: '累计已审批支出', content: `${formatWan(lifeSpent)} 万元` },
          ]}
        />
      </Card>

      {props.warnings.length > 0 && (
        <Alert
          theme="warning"
          title="年度预算合计超过全生命周期预算"
          message={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="budget-warnings">
              {props.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      {!life && props.annual.length > 0 && <Alert theme="warning" message="尚未编制全生命周期预算，年度预算无法与之对照。" />}

      <Card bordered={false} title="全生命周期预算" actions={editButton('life', life)}>
        <div style={{ marginBottom: 8 }}>
          <VersionLine v={life} />
        </div>
        <CategoryTable rows={props.lifeExecution} hasBudget={!!life} testId="life-execution" />
      </Card>

      <Card
        bordered={false}
        title={
          <Space align="center">
            <span>年度预算</span>
            <Select style={{ width: 120 }} value={year} options={props.years.map((y) => ({ label: `${y} 年`, value: y }))} onChange={(v) => goYear(Number(v))} />
          </Space>
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
      </Card>

      <Card bordered={false} title="各年度预算执行">
        <Table<YearExecution> rowKey="year" data={props.byYear} columns={yearColumns} size="small" bordered tableLayout="auto" empty="尚无年度预算或已审批支出" />
      </Card>

      <Card bordered={false} title="版本历史">
        <HistoryTable history={props.history} />
      </Card>

      {editing && (
        <BudgetFormDialog
          projectId={project.id}
          projectName={`${project.code} ${project.name}`}
          kind={editing}
          year={year}
          current={editing === 'life' ? life : annualOfYear}
          life={life?.amounts ?? null}
          annual={props.annual}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
