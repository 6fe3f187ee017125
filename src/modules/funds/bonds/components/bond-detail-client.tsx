'use client';
import { useState } from 'react';
import Link from 'next/link';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon, EditIcon } from 'tdesign-icons-react';
import { PersonName } from '@/ui/person-name';
import { useRunAction } from '@/ui/use-run-action';
import { dec, formatWan, formatYuan } from '@/modules/plans/amounts';
import { BOND_ISSUE_SOURCE, COVERAGE_BASIS_LABELS, RULE_SOURCES_FUNDS, type CoverageResult } from '../../rules';
import { deletePaymentAction, removeAllocationAction } from '../actions';
import type { BondAllocationView, BondDetail, BondPaymentView, BondProjectOption, ScheduleLine } from '../queries';
import type { ProjectDebt } from '../project-checks';
import { N45_PROJECT_RULE, N45_SOURCE, PAYMENTS_EXIST_MESSAGE } from '../validation';
import { AllocationDialog } from './allocation-dialog';
import { BondFormDialog, type BondFormValues } from './bond-form-dialog';
import { BondStatusTag, DemoTag, footRow, ScheduleStatusTag } from './bond-tags';
import { ratePercentText } from './bonds-list-client';
import { PaymentDialog } from './payment-dialog';

const nowrap = { whiteSpace: 'nowrap' } as const;

function Figure(props: { title: string; value: string; unit: string; testId?: string }) {
  return (
    <div data-testid={props.testId}>
      <div className="lr-muted" style={{ fontSize: 13 }}>
        {props.title}
      </div>
      <div style={{ fontSize: 22, fontWeight: 600 }}>
        {props.value} <span style={{ fontSize: 14, fontWeight: 400 }}>{props.unit}</span>
      </div>
    </div>
  );
}

const yuanWan = (yuan: string) => `${formatWan(yuan)} 万元（${formatYuan(yuan)} 元）`;

/** The coverage of a project's bond debt: the ratio, its basis, and what breaks 62号 or warns. */
export function CoverageCell({ coverage, debt }: { coverage: CoverageResult; debt: ProjectDebt }) {
  return (
    <div>
      <Tag size="small" variant="light" theme={!coverage.covered ? 'danger' : coverage.ok ? 'success' : 'warning'}>
        {coverage.ratio === null ? '—' : `${coverage.ratio} 倍`}
        {!coverage.covered ? '，不能覆盖' : coverage.ok ? '' : '，低于预警值'}
      </Tag>
      <div className="lr-muted" style={{ fontSize: 12, marginTop: 4 }} title={coverage.basisText}>
        本息合计 {formatWan(dec(debt.principal).plus(dec(debt.interest)).toFixed(2))} 万元；{COVERAGE_BASIS_LABELS[coverage.basis]} {formatWan(coverage.income)} 万元
      </div>
      {(coverage.requirement ?? coverage.message) && (
        <div style={{ color: coverage.requirement ? 'var(--td-error-color)' : 'var(--td-warning-color)', fontSize: 12, marginTop: 4 }} data-testid="bond-coverage-warning">
          {coverage.requirement ?? coverage.message}
        </div>
      )}
    </div>
  );
}

export function BondDetailClient(props: { detail: BondDetail; projects: BondProjectOption[]; canEdit: boolean }) {
  const { bond, schedule, scheduleTotals: totals, allocations, payments, settings } = props.detail;
  const [editing, setEditing] = useState(false);
  const [allocDialog, setAllocDialog] = useState<{ allocation: BondAllocationView | null } | null>(null);
  const [paying, setPaying] = useState<ScheduleLine | null>(null);
  const { run, busy } = useRunAction();
  const hasPayments = payments.length > 0;
  const unsuppliedWarnings = allocations.flatMap((a) => a.warnings);

  const formValues: BondFormValues = {
    code: bond.code,
    name: bond.name,
    amount: dec(bond.amount).toFixed(2),
    annualRate: dec(bond.annualRate).toFixed(),
    termYears: String(bond.termYears),
    issueDate: bond.issueDate,
    issuer: bond.issuer,
    repaymentType: bond.repaymentType,
    principalPercents: (bond.principalPercents ?? []).join(','),
    docNo: bond.docNo ?? '',
    note: bond.note ?? '',
  };

  const scheduleColumns: PrimaryTableCol<ScheduleLine>[] = [
    // Sized to fit a 1440 px screen without scrolling sideways: amounts in 元 (the card says
    // so once), the interest period and the paid split in the cells' tooltips.
    { colKey: 'seq', title: '期次', width: 56, align: 'center' },
    {
      colKey: 'dueDate',
      title: '应付日期',
      width: 104,
      cell: ({ row }) => (
        <span style={nowrap} title={`计息期间 ${row.periodStart} 至 ${row.dueDate}`}>
          {row.dueDate}
        </span>
      ),
    },
    { colKey: 'days', title: '天数', width: 64, align: 'right' },
    { colKey: 'principal', title: '应付本金', width: 118, align: 'right', cell: ({ row }) => formatYuan(row.principal) },
    { colKey: 'interest', title: '应付利息', width: 112, align: 'right', cell: ({ row }) => formatYuan(row.interest) },
    { colKey: 'total', title: '本息合计', width: 118, align: 'right', cell: ({ row }) => formatYuan(dec(row.principal).plus(dec(row.interest)).toFixed(2)) },
    {
      colKey: 'paid',
      title: '已付',
      width: 118,
      align: 'right',
      cell: ({ row }) => (
        <span title={`本金 ${formatYuan(row.principalPaid)} 元，利息 ${formatYuan(row.interestPaid)} 元`}>{formatYuan(dec(row.principalPaid).plus(dec(row.interestPaid)).toFixed(2))}</span>
      ),
    },
    { colKey: 'remaining', title: '未付', width: 118, align: 'right', cell: ({ row }) => formatYuan(row.remaining) },
    { colKey: 'outstandingAfter', title: '期末剩余本金', width: 124, align: 'right', cell: ({ row }) => formatYuan(row.outstandingAfter) },
    { colKey: 'status', title: '状态', width: 76, cell: ({ row }) => <ScheduleStatusTag status={row.status} label={row.statusLabel} /> },
    ...(props.canEdit
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 110,
            fixed: 'right' as const,
            cell: ({ row }: { row: ScheduleLine }) =>
              row.status === 'paid' ? (
                <span className="lr-muted">—</span>
              ) : (
                <Button size="small" variant="text" theme="primary" onClick={() => setPaying(row)}>
                  登记还本付息
                </Button>
              ),
          },
        ]
      : []),
  ];

  const allocationColumns: PrimaryTableCol<BondAllocationView>[] = [
    {
      colKey: 'project',
      title: '项目',
      minWidth: 220,
      cell: ({ row }) => (
        <div>
          <Space size={6} align="center">
            <Link href={`/projects/${row.projectId}`}>
              {row.projectCode} {row.projectName}
            </Link>
            {row.projectStatus === 'closed' && (
              <Tag size="small" variant="light">
                已关闭
              </Tag>
            )}
          </Space>
          <div className="lr-muted" style={{ fontSize: 12 }}>
            预计出让收入 {formatWan(row.expectedIncome)} 万元；全部专项债券 {formatWan(row.checks.debt.allocated)} 万元
          </div>
        </div>
      ),
    },
    { colKey: 'amount', title: '本债券分配（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.amount) },
    { colKey: 'allocatedOn', title: '分配日期', width: 110, cell: ({ row }) => <span style={nowrap}>{row.allocatedOn}</span> },
    { colKey: 'interest', title: '本债券利息（万元）', width: 140, align: 'right', cell: ({ row }) => formatWan(row.interest) },
    {
      colKey: 'share',
      title: `占预计收入（上限 ${settings.limitPercent}%）`,
      width: 210,
      cell: ({ row }) => (
        <div>
          <Tag size="small" variant="light" theme={row.checks.share.ok ? 'success' : 'danger'}>
            {row.checks.share.ratioPercent === null ? '无预计收入' : `${row.checks.share.ratioPercent}%`}
            {row.checks.share.ok ? '，符合' : '，超限'}
          </Tag>
          {row.checks.share.message && (
            <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 4 }} data-testid="bond-share-warning">
              {row.checks.share.message}
            </div>
          )}
        </div>
      ),
    },
    {
      colKey: 'coverage',
      title: `本息覆盖倍数（${COVERAGE_BASIS_LABELS[settings.coverageBasis]}，预警 ${settings.coverageThreshold}）`,
      width: 260,
      cell: ({ row }) => <CoverageCell coverage={row.checks.coverage} debt={row.checks.debt} />,
    },
    {
      colKey: 'repayment',
      title: '出让收入偿还本金（万元）',
      width: 210,
      cell: ({ row }) => (
        <div data-testid="bond-supply-cover">
          <div style={nowrap}>
            本债券本金 {formatWan(row.repayment.principal)}，已覆盖 {formatWan(row.repayment.covered)}
          </div>
          <div className="lr-muted" style={{ fontSize: 12 }}>
            已供应地块成交价款 {formatWan(row.repayment.supplyIncome)}
            {dec(row.repayment.uncovered).gt(0) ? `，尚缺 ${formatWan(row.repayment.uncovered)}` : ''}
          </div>
        </div>
      ),
    },
    ...(props.canEdit
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 130,
            fixed: 'right' as const,
            cell: ({ row }: { row: BondAllocationView }) => (
              <Space size={4}>
                <Button size="small" variant="text" theme="primary" onClick={() => setAllocDialog({ allocation: row })}>
                  调整
                </Button>
                <Popconfirm
                  theme="warning"
                  content={`取消本债券对项目 ${row.projectCode} 的分配（${formatWan(row.amount)} 万元）？`}
                  confirmBtn="取消分配"
                  onConfirm={() => void run(() => removeAllocationAction({ id: row.id }), `已取消对项目 ${row.projectCode} 的分配`)}
                >
                  <Button size="small" variant="text" theme="danger" loading={busy}>
                    取消分配
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const paymentColumns: PrimaryTableCol<BondPaymentView>[] = [
    { colKey: 'seq', title: '期次', width: 60, align: 'center' },
    { colKey: 'dueDate', title: '应付日期', width: 110 },
    { colKey: 'paidOn', title: '付款日期', width: 110 },
    { colKey: 'principalPaid', title: '支付本金（元）', width: 150, align: 'right', cell: ({ row }) => formatYuan(row.principalPaid) },
    { colKey: 'interestPaid', title: '支付利息（元）', width: 140, align: 'right', cell: ({ row }) => formatYuan(row.interestPaid) },
    { colKey: 'voucherNo', title: '凭证号', width: 130, cell: ({ row }) => row.voucherNo ?? <span className="lr-muted">—</span> },
    { colKey: 'createdBy', title: '登记人', width: 170, cell: ({ row }) => <PersonName person={row.createdByPerson} /> },
    { colKey: 'note', title: '备注', minWidth: 120, ellipsis: true, cell: ({ row }) => row.note ?? '' },
    ...(props.canEdit
      ? [
          {
            colKey: 'op',
            title: '操作',
            width: 80,
            cell: ({ row }: { row: BondPaymentView }) => (
              <Popconfirm
                theme="warning"
                content={`删除第 ${row.seq} 期 ${row.paidOn} 的还本付息记录？其生成的未审批利息记录将一并删除。`}
                confirmBtn="删除"
                onConfirm={() =>
                  void run(
                    () => deletePaymentAction({ id: row.id }),
                    (d) => `还本付息记录已删除${d.withdrawnEntries.length ? `；未审批的利息记录 ${d.withdrawnEntries.join('、')} 随之删除` : ''}`,
                  )
                }
              >
                <Button size="small" variant="text" theme="danger" loading={busy}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        bordered={false}
        title={
          <Space size={8} align="center">
            <span>{bond.code}</span>
            <span>{bond.name}</span>
            <BondStatusTag status={bond.status} label={bond.statusLabel} />
            <DemoTag show={bond.isDemo} />
          </Space>
        }
        actions={
          <Space align="center">
            <Link href="/funds/bonds">返回债券列表</Link>
            {props.canEdit && (
              <Button variant="outline" icon={<EditIcon />} disabled={hasPayments} title={hasPayments ? PAYMENTS_EXIST_MESSAGE : undefined} onClick={() => setEditing(true)}>
                修改条款
              </Button>
            )}
          </Space>
        }
      >
        {props.canEdit && hasPayments && <Alert theme="info" style={{ marginBottom: 12 }} message={`${PAYMENTS_EXIST_MESSAGE}。如登记有误，请先删除还本付息记录。`} />}
        <Descriptions
          column={3}
          tableLayout="fixed"
          items={[
            { label: '发行主体', content: `${bond.issuer}（代市县发行）` },
            { label: '发行金额', content: yuanWan(bond.amount) },
            { label: '票面年利率', content: ratePercentText(bond.annualRate) },
            { label: '期限', content: `${bond.termYears} 年` },
            { label: '发行日期（起息日）', content: bond.issueDate },
            { label: '到期日', content: bond.maturityDate },
            { label: '还本付息方式', content: bond.repaymentTypeLabel },
            { label: '分年还本比例', content: principalPercentsText(bond.principalPercents) },
            { label: '发行文号', content: bond.docNo ?? '—' },
            { label: '备注', content: bond.note ?? '—' },
          ]}
        />
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 8 }}>
          期限与付息方式依据：{BOND_ISSUE_SOURCE}
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 40, marginTop: 16 }}>
          <Figure title="已分配" value={formatWan(bond.allocated)} unit="万元" testId="bond-allocated" />
          <Figure title="未分配" value={formatWan(bond.unallocated)} unit="万元" />
          <Figure title="已还本金" value={formatWan(bond.principalRepaid)} unit="万元" />
          <Figure title="已付利息" value={formatWan(bond.interestPaid)} unit="万元" />
          <Figure title="未还本金" value={formatWan(bond.outstandingPrincipal)} unit="万元" testId="bond-outstanding" />
          <Figure title="未付利息" value={formatWan(bond.interestDue)} unit="万元" />
          <Figure title="下次应付" value={bond.nextDueDate ? `${bond.nextDueDate} / ${formatWan(bond.nextDueAmount)}` : '—'} unit={bond.nextDueDate ? '万元' : ''} />
        </div>
      </Card>

      <Card bordered={false} title="还本付息计划" actions={<span className="lr-muted">金额单位：元；按债券条款自动生成，状态按今天判断</span>}>
        <div data-testid="bond-schedule">
          <Table<ScheduleLine>
            rowKey="id"
            data={schedule}
            columns={scheduleColumns}
            size="small"
            stripe
            tableLayout="auto"
            empty="没有还本付息计划"
            footData={[
              footRow<ScheduleLine>({
                seq: '合计',
                principal: formatYuan(totals.principal),
                interest: formatYuan(totals.interest),
                total: formatYuan(totals.total),
                paid: formatYuan(dec(totals.principalPaid).plus(dec(totals.interestPaid)).toFixed(2)),
                remaining: formatYuan(totals.remaining),
              }),
            ]}
          />
        </div>
      </Card>

      <Card
        bordered={false}
        title="项目分配"
        actions={
          props.canEdit && (
            <Button theme="primary" icon={<AddIcon />} disabled={dec(bond.unallocated).lte(0)} onClick={() => setAllocDialog({ allocation: null })}>
              分配给项目
            </Button>
          )
        }
      >
        <Alert
          theme="info"
          style={{ marginBottom: 12 }}
          message={
            <div style={{ fontSize: 13 }}>
              <div data-testid="bond-share-rule">
                项目使用的专项债券资金不超过项目预计土地出让收入的 {settings.limitPercent}%（{settings.shareRule}，系统参数）
              </div>
              <div>{RULE_SOURCES_FUNDS.coverageRequirement}</div>
              <div>{RULE_SOURCES_FUNDS.coverage}</div>
              <div>
                {N45_SOURCE}：{N45_PROJECT_RULE}
              </div>
              <div className="lr-muted">
                占比与覆盖倍数按项目全部专项债券（含其他债券）计算；本息为项目按分配比例分摊的各债券还本付息计划；覆盖倍数按{COVERAGE_BASIS_LABELS[settings.coverageBasis]}计算（系统参数）。
              </div>
            </div>
          }
        />
        {unsuppliedWarnings.length > 0 && (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="bond-unsupplied-warnings">
            {unsuppliedWarnings.map((w) => (
              <Alert key={w} theme="warning" message={w} />
            ))}
          </Space>
        )}
        <div data-testid="bond-allocations">
          <Table<BondAllocationView>
            rowKey="id"
            data={allocations}
            columns={allocationColumns}
            size="small"
            stripe
            tableLayout="auto"
            empty="本债券尚未分配给项目"
            footData={
              allocations.length
                ? [footRow<BondAllocationView>({ project: '合计', amount: formatWan(bond.allocated), interest: formatWan(allocationsInterest(allocations)) })]
                : undefined
            }
          />
        </div>
      </Card>

      <Card bordered={false} title="还本付息记录" actions={<span className="lr-muted">共 {payments.length} 笔</span>}>
        <div data-testid="bond-payments">
          <Table<BondPaymentView> rowKey="id" data={payments} columns={paymentColumns} size="small" stripe tableLayout="auto" empty="尚未登记还本付息" />
        </div>
      </Card>

      {editing && (
        <BondFormDialog
          mode={{ kind: 'edit', id: bond.id, version: bond.version, values: formValues }}
          annualCouponMaxYears={settings.annualCouponMaxYears}
          onClose={() => setEditing(false)}
        />
      )}
      {allocDialog && (
        <AllocationDialog
          bond={{ id: bond.id, code: bond.code, amount: bond.amount, allocated: bond.allocated, issueDate: bond.issueDate }}
          allocation={allocDialog.allocation}
          projects={props.projects}
          takenProjectIds={allocations.map((a) => a.projectId)}
          limitPercent={settings.limitPercent}
          shareRule={settings.shareRule}
          onClose={() => setAllocDialog(null)}
        />
      )}
      {paying && <PaymentDialog bondCode={bond.code} issueDate={bond.issueDate} row={paying} onClose={() => setPaying(null)} />}
    </Space>
  );
}

/** '第 2–9 年各 10%，第 10 年 20%': runs of years with the same percentage, years of 0% left out; '—' for principal at maturity. */
function principalPercentsText(percents: string[] | null): string {
  if (!percents) return '—（到期一次还本）';
  const runs: { from: number; to: number; p: string }[] = [];
  percents.forEach((p, i) => {
    const last = runs.at(-1);
    if (last && last.to === i && dec(last.p).eq(dec(p))) last.to = i + 1;
    else runs.push({ from: i + 1, to: i + 1, p });
  });
  return runs
    .filter((r) => dec(r.p).gt(0))
    .map((r) => (r.from === r.to ? `第 ${r.from} 年 ${r.p}%` : `第 ${r.from}–${r.to} 年各 ${r.p}%`))
    .join('，');
}

function allocationsInterest(rows: BondAllocationView[]): string {
  return rows.reduce((acc, r) => acc.plus(dec(r.interest)), dec(0)).toFixed(2);
}
