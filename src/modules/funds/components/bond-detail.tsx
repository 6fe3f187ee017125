import { dec, formatWan, formatYuan } from '@/modules/plans/amounts';
import { KitCard } from '@/ui/kit/card';
import { formatCell, type Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import { PersonName, personText } from '@/ui/person-name';
import { BOND_ISSUE_SOURCE, COVERAGE_BASIS_LABELS, RULE_SOURCES_FUNDS } from '../rules';
import type { BondAllocationView, BondDetail, BondPaymentView, BondProjectOption, ScheduleLine } from '../bonds/queries';
import { N45_PROJECT_RULE, N45_SOURCE, PAYMENTS_EXIST_MESSAGE } from '../bonds/validation';
import type { BondFormValues } from '../bonds/components/bond-form-dialog';
import { BondStatusMark, ScheduleStatusMark, ratePercentText } from './bond-marks';
import { AllocateButton, AllocationActions, DeletePaymentButton, EditBondButton, PayButton } from './bond-islands';
import { FigureGrid, Notice, Wan, wanColumn } from './funds-kit';

const wan = (yuan: string) => formatCell('money', yuan, '万元');
const plus = (a: string, b: string) => dec(a).plus(dec(b)).toFixed(2);

/** '第 2–9 年各 10%，第 10 年 20%': runs of years with the same percentage, years of 0% left out. */
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

function scheduleColumns(canEdit: boolean, bond: { code: string; issueDate: string }): Column<ScheduleLine>[] {
  const cols: Column<ScheduleLine>[] = [
    // In 万元 like every bond figure (the exact 元 in each tooltip; payments are recorded in 元);
    // the interest period and its days, and what was paid, are in the tooltips too.
    { key: 'seq', title: '期次', kind: 'count', width: 52, value: (r) => r.seq },
    { key: 'dueDate', title: '应付日期', kind: 'date', value: (r) => r.dueDate, tooltip: (r) => `计息期间 ${r.periodStart} 至 ${r.dueDate}，${r.days} 天` },
    wanColumn('principal', '应付本金', (r) => r.principal, { width: 124 }, true),
    wanColumn('interest', '应付利息', (r) => r.interest, { width: 124 }, true),
    wanColumn('total', '本息合计', (r) => plus(r.principal, r.interest), { width: 124 }, true),
    wanColumn('paid', '已付', (r) => plus(r.principalPaid, r.interestPaid), {
      width: 116,
      tooltip: (r) => `本金 ${formatYuan(r.principalPaid)} 元，利息 ${formatYuan(r.interestPaid)} 元`,
    }),
    wanColumn('remaining', '未付', (r) => r.remaining, { width: 116 }, true),
    wanColumn('outstandingAfter', '期末剩余本金', (r) => r.outstandingAfter, { width: 144 }, true),
    { key: 'status', title: '状态', kind: 'tag', width: 72, render: (r) => <ScheduleStatusMark status={r.status} label={r.statusLabel} /> },
  ];
  if (canEdit)
    cols.push({
      key: 'op',
      title: '操作',
      kind: 'actions',
      width: 112,
      render: (r) => (r.status === 'paid' ? <span className="lr-muted">—</span> : <PayButton bondCode={bond.code} issueDate={bond.issueDate} row={r} />),
    });
  return cols;
}

/** The share of the project's expected income its bond money takes, against the cap. */
function ShareMark({ row }: { row: BondAllocationView }) {
  const s = row.checks.share;
  return (
    <KitTag theme={s.ok ? 'success' : 'danger'} title={s.message ?? undefined}>
      {s.ratioPercent === null ? '无预计收入' : `${s.ratioPercent}%`}
      {s.ok ? '，符合' : '，超限'}
    </KitTag>
  );
}

function CoverageMark({ row }: { row: BondAllocationView }) {
  const c = row.checks.coverage;
  return (
    <KitTag theme={!c.covered ? 'danger' : c.ok ? 'success' : 'warning'} title={c.basisText}>
      {c.ratio === null ? '—' : `${c.ratio} 倍`}
      {!c.covered ? '，不能覆盖' : c.ok ? '' : '，低于预警值'}
    </KitTag>
  );
}

function allocationColumns(detail: BondDetail, edit: { projects: BondProjectOption[] } | null): Column<BondAllocationView>[] {
  const { bond, allocations, settings } = detail;
  const cols: Column<BondAllocationView>[] = [
    {
      key: 'project',
      title: '项目',
      kind: 'name',
      tooltip: (r) => `${r.projectCode} ${r.projectName}；预计出让收入 ${wan(r.expectedIncome)} 万元；全部专项债券 ${wan(r.checks.debt.allocated)} 万元`,
      render: (r) => (
        <>
          <a className="lr-link" href={`/projects/${r.projectId}`}>
            {r.projectCode} {r.projectName}
          </a>
          {r.projectStatus === 'closed' && <KitTag gap>已关闭</KitTag>}
        </>
      ),
    },
    wanColumn('amount', '本债券分配', (r) => r.amount, { width: 104 }, true),
    { key: 'allocatedOn', title: '分配日期', kind: 'date', value: (r) => r.allocatedOn },
    wanColumn('interest', '本债券利息', (r) => r.interest, { width: 104 }, true),
    { key: 'share', title: `占预计收入（上限 ${settings.limitPercent}%）`, kind: 'tag', width: 164, render: (r) => <ShareMark row={r} /> },
    {
      key: 'coverage',
      title: `本息覆盖倍数（${COVERAGE_BASIS_LABELS[settings.coverageBasis]}，预警 ${settings.coverageThreshold}）`,
      kind: 'tag',
      width: 184,
      tooltip: (r) => `本息合计 ${wan(plus(r.checks.debt.principal, r.checks.debt.interest))} 万元；${COVERAGE_BASIS_LABELS[r.checks.coverage.basis]} ${wan(r.checks.coverage.income)} 万元`,
      render: (r) => <CoverageMark row={r} />,
    },
    {
      key: 'repayment',
      title: '出让收入偿还本金',
      kind: 'text',
      testId: 'bond-supply-cover',
      value: (r) =>
        `本金 ${wan(r.repayment.principal)}，已覆盖 ${wan(r.repayment.covered)}；已供应地块成交价款 ${wan(r.repayment.supplyIncome)}${dec(r.repayment.uncovered).gt(0) ? `，尚缺 ${wan(r.repayment.uncovered)}` : ''}`,
      tooltip: (r) =>
        `本债券本金 ${wan(r.repayment.principal)} 万元，已覆盖 ${wan(r.repayment.covered)} 万元；已供应地块成交价款 ${wan(r.repayment.supplyIncome)} 万元${dec(r.repayment.uncovered).gt(0) ? `，尚缺 ${wan(r.repayment.uncovered)} 万元` : ''}`,
    },
  ];
  if (edit) {
    const context = {
      bond: { id: bond.id, code: bond.code, amount: bond.amount, allocated: bond.allocated, issueDate: bond.issueDate },
      projects: edit.projects,
      takenProjectIds: allocations.map((a) => a.projectId),
      limitPercent: settings.limitPercent,
      shareRule: settings.shareRule,
    };
    cols.push({ key: 'op', title: '操作', kind: 'actions', width: 144, render: (r) => <AllocationActions {...context} allocation={r} /> });
  }
  return cols;
}

function paymentColumns(canEdit: boolean): Column<BondPaymentView>[] {
  const cols: Column<BondPaymentView>[] = [
    { key: 'seq', title: '期次', kind: 'count', width: 60, value: (r) => r.seq },
    { key: 'dueDate', title: '应付日期', kind: 'date', value: (r) => r.dueDate },
    { key: 'paidOn', title: '付款日期', kind: 'date', value: (r) => r.paidOn },
    { key: 'principalPaid', title: '支付本金', kind: 'money', width: 150, value: (r) => r.principalPaid },
    { key: 'interestPaid', title: '支付利息', kind: 'money', width: 150, value: (r) => r.interestPaid },
    { key: 'voucherNo', title: '凭证号', kind: 'code', width: 130, value: (r) => r.voucherNo },
    { key: 'createdBy', title: '登记人', kind: 'person', width: 180, tooltip: (r) => personText(r.createdByPerson) || undefined, render: (r) => <PersonName person={r.createdByPerson} /> },
    { key: 'note', title: '备注', kind: 'text', value: (r) => r.note, tooltip: (r) => r.note ?? undefined },
  ];
  if (canEdit) cols.push({ key: 'op', title: '操作', kind: 'actions', width: 80, render: (r) => <DeletePaymentButton id={r.id} seq={r.seq} paidOn={r.paidOn} /> });
  return cols;
}

/**
 * A bond's page on the kit: terms, figures, the schedule and the projects it is allocated to in
 * 万元 (the exact 元 in the tooltips), the payments in 元 (as on their vouchers). Islands:
 * 修改条款, 登记还本付息, 分配给项目 / 调整 / 取消分配, 删除.
 */
export function BondDetailView(props: { detail: BondDetail; projects: BondProjectOption[]; canEdit: boolean }) {
  const { bond, schedule, scheduleTotals: totals, allocations, payments, settings } = props.detail;
  const hasPayments = payments.length > 0;
  const unsuppliedWarnings = allocations.flatMap((a) => a.warnings);
  // What breaks the cap or 62号, or warns, per project: above the table, so every cell stays one line.
  const problems = allocations.flatMap((a) => {
    const out: { key: string; text: string; theme: 'error' | 'warning'; testId: string }[] = [];
    if (a.checks.share.message) out.push({ key: `${a.id}-share`, text: `项目 ${a.projectCode}：${a.checks.share.message}`, theme: 'error', testId: 'bond-share-warning' });
    const c = a.checks.coverage;
    if (c.requirement ?? c.message) out.push({ key: `${a.id}-cover`, text: `项目 ${a.projectCode}：${c.requirement ?? c.message}`, theme: c.requirement ? 'error' : 'warning', testId: 'bond-coverage-warning' });
    return out;
  });
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
  const allocatedInterest = allocations.reduce((acc, r) => acc.plus(dec(r.interest)), dec(0)).toFixed(2);
  return (
    <div className="lr-stack">
      <KitCard
        testId="bond-detail"
        title={
          <span className="lr-tags" style={{ gap: 8, alignItems: 'center' }}>
            <span>{bond.code}</span>
            <span>{bond.name}</span>
            <BondStatusMark status={bond.status} label={bond.statusLabel} />
            {bond.isDemo && <KitTag theme="warning">演示</KitTag>}
          </span>
        }
        actions={
          <span className="lr-tags" style={{ gap: 12, alignItems: 'center' }}>
            <a className="lr-link" href="/funds/bonds">
              返回债券列表
            </a>
            {props.canEdit && (
              <EditBondButton id={bond.id} version={bond.version} values={formValues} annualCouponMaxYears={settings.annualCouponMaxYears} disabledReason={hasPayments ? PAYMENTS_EXIST_MESSAGE : null} />
            )}
          </span>
        }
      >
        {props.canEdit && hasPayments && <Notice theme="info">{`${PAYMENTS_EXIST_MESSAGE}。如登记有误，请先删除还本付息记录。`}</Notice>}
        <DescList
          column={3}
          items={[
            { label: '发行主体', content: `${bond.issuer}（代市县发行）` },
            { label: '发行金额', content: `${formatWan(bond.amount)} 万元（${formatYuan(bond.amount)} 元）` },
            { label: '票面年利率', content: ratePercentText(bond.annualRate) },
            { label: '期限', content: `${bond.termYears} 年` },
            { label: '发行日期（起息日）', content: bond.issueDate },
            { label: '到期日', content: bond.maturityDate },
            { label: '还本付息方式', content: bond.repaymentTypeLabel },
            { label: '分年还本比例', content: principalPercentsText(bond.principalPercents) },
            { label: '发行文号', content: bond.docNo },
            { label: '备注', content: bond.note, span: 3 },
          ]}
        />
        <div className="lr-muted" style={{ fontSize: 12, margin: '8px 0 16px' }}>
          期限与付息方式依据：{BOND_ISSUE_SOURCE}
        </div>
        <FigureGrid
          items={[
            { label: '已分配（万元）', value: <Wan value={bond.allocated} />, testId: 'bond-allocated' },
            { label: '未分配（万元）', value: <Wan value={bond.unallocated} /> },
            { label: '已还本金（万元）', value: <Wan value={bond.principalRepaid} /> },
            { label: '已付利息（万元）', value: <Wan value={bond.interestPaid} /> },
            { label: '未还本金（万元）', value: <Wan value={bond.outstandingPrincipal} />, testId: 'bond-outstanding' },
            { label: '未付利息（万元）', value: <Wan value={bond.interestDue} /> },
            { label: '下次应付（万元）', value: bond.nextDueDate ? <Wan value={bond.nextDueAmount} /> : '—', hint: bond.nextDueDate ? `应付日期 ${bond.nextDueDate}` : undefined },
          ]}
        />
      </KitCard>

      <KitCard title="还本付息计划（万元）" actions={<span className="lr-muted">按债券条款自动生成，状态按今天判断</span>}>
        <DataTable
          testId="bond-schedule"
          columns={scheduleColumns(props.canEdit, bond)}
          rows={schedule}
          rowKey={(r) => r.id}
          moneyUnit="万元"
          unitCaption
          striped
          empty="没有还本付息计划"
          totals={{
            values: {
              principal: totals.principal,
              interest: totals.interest,
              total: totals.total,
              paid: plus(totals.principalPaid, totals.interestPaid),
              remaining: totals.remaining,
            },
          }}
        />
      </KitCard>

      <KitCard
        title="项目分配（万元）"
        actions={
          props.canEdit && (
            <AllocateButton
              bond={{ id: bond.id, code: bond.code, amount: bond.amount, allocated: bond.allocated, issueDate: bond.issueDate }}
              projects={props.projects}
              takenProjectIds={allocations.map((a) => a.projectId)}
              limitPercent={settings.limitPercent}
              shareRule={settings.shareRule}
              disabled={dec(bond.unallocated).lte(0)}
            />
          )
        }
      >
        <Notice theme="info">
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
        </Notice>
        {problems.map((p) => (
          <Notice key={p.key} theme={p.theme} testId={p.testId}>
            {p.text}
          </Notice>
        ))}
        {unsuppliedWarnings.length > 0 && (
          <div data-testid="bond-unsupplied-warnings">
            {unsuppliedWarnings.map((w) => (
              <Notice key={w} theme="warning">
                {w}
              </Notice>
            ))}
          </div>
        )}
        <DataTable
          testId="bond-allocations"
          columns={allocationColumns(props.detail, props.canEdit ? { projects: props.projects } : null)}
          rows={allocations}
          rowKey={(r) => r.id}
          moneyUnit="万元"
          unitCaption
          empty="本债券尚未分配给项目"
          totals={{ values: { amount: bond.allocated, interest: allocatedInterest } }}
        />
      </KitCard>

      <KitCard title="还本付息记录（元）" actions={<span className="lr-muted">共 {payments.length} 笔</span>}>
        <DataTable testId="bond-payments" columns={paymentColumns(props.canEdit)} rows={payments} rowKey={(r) => r.id} moneyUnit="元" striped empty="尚未登记还本付息" />
      </KitCard>
    </div>
  );
}
