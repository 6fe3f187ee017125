'use client';
import { useState, type ReactNode } from 'react';
import { Button, Card, Popconfirm, Space, Tag } from 'tdesign-react';
import { CheckCircleFilledIcon, CloseCircleFilledIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { NET_LAND_WORK_TYPES, RULE_SOURCES, type GuardProblem } from '../../rules';
import { deleteSupplyPlanListingAction, deleteTitleCancellationAction, deleteWorkExemptionAction } from '../actions';
import type { NetLandView } from '../queries';
import { CancellationDialog, ExemptionDialog, ListingDialog } from './net-land-dialogs';

type Open = 'exemption' | 'cancellation' | 'listing' | null;

function Condition(props: { testId: string; title: string; problem: GuardProblem | undefined; rule: string; action?: ReactNode; children: ReactNode }) {
  const ok = !props.problem;
  return (
    <div data-testid={props.testId} style={{ padding: '12px 0', borderBottom: '1px solid var(--td-component-stroke)' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <span style={{ color: ok ? 'var(--td-success-color)' : 'var(--td-error-color)', display: 'inline-flex' }}>{ok ? <CheckCircleFilledIcon /> : <CloseCircleFilledIcon />}</span>
        <strong>{props.title}</strong>
        <Tag size="small" theme={ok ? 'success' : 'warning'} variant="light">
          {ok ? '已满足' : '未满足'}
        </Tag>
        <span style={{ flex: 1 }} />
        {props.action}
      </div>
      <div style={{ marginLeft: 24, marginTop: 4 }}>
        {props.children}
        {props.problem && <div style={{ color: 'var(--td-error-color)', marginTop: 4 }}>{props.problem.message}</div>}
        <div className="lr-muted" style={{ fontSize: 12, marginTop: 4 }}>
          依据：{props.rule}
        </div>
      </div>
    </div>
  );
}

/**
 * 净地条件 on the 前期开发 page: what 转为可供应 needs besides accepted works — demolition and
 * levelling (or why none is needed), the certificates cancelled, the year's supply plan, no
 * temporary use running — each with what is recorded, what is missing today and its source.
 */
export function NetLandCard(props: { parcelId: string; view: NetLandView; editable: boolean; ready: boolean; today: string }) {
  const { view } = props;
  const [open, setOpen] = useState<Open>(null);
  const { run } = useRunAction();
  const year = Number(props.today.slice(0, 4));
  const problem = (prefix: string) => view.problems.find((p) => p.code === prefix || p.code.startsWith(`${prefix}-`));
  const removable = props.editable && !props.ready;
  const open_ = (what: Open) => () => setOpen(what);
  const exemptable = NET_LAND_WORK_TYPES.filter((t) => !view.exemptions.some((e) => e.workType === t) && !view.acceptedWorks.some((w) => w.workType === t));

  return (
    <div data-testid="net-land">
    <Card title="净地条件（转为可供应前须满足）" bordered={false}>
      <Condition
        testId="net-land-works"
        title="拆除、平整"
        problem={problem('net-land-works')}
        rule={RULE_SOURCES.netLandWorks}
        action={
          props.editable &&
          exemptable.length > 0 && (
            <Button size="small" variant="outline" onClick={open_('exemption')}>
              登记无须施工原因
            </Button>
          )
        }
      >
        {NET_LAND_WORK_TYPES.map((t) => {
          const accepted = view.acceptedWorks.filter((w) => w.workType === t);
          const exemption = view.exemptions.find((e) => e.workType === t);
          return (
            <div key={t}>
              {t}：
              {accepted.length > 0
                ? `已验收（${accepted.map((w) => w.acceptedOn).join('、')}）`
                : exemption
                  ? `无须${t}——${exemption.reason}（${exemption.recordedOn}${exemption.actor ? ` ${exemption.actor.name}` : ''} 登记）`
                  : '未完成'}
              {exemption && removable && (
                <Popconfirm content={`撤销无须${t}的原因？`} theme="warning" onConfirm={() => run(() => deleteWorkExemptionAction({ id: exemption.id }), `已撤销无须${t}的原因`)}>
                  <Button size="small" variant="text" theme="danger">
                    撤销
                  </Button>
                </Popconfirm>
              )}
            </div>
          );
        })}
      </Condition>
      <Condition
        testId="net-land-title"
        title="不动产权证书注销"
        problem={problem('net-land-title')}
        rule={RULE_SOURCES.titleCancelled}
        action={
          props.editable && (
            <Button size="small" variant="outline" onClick={open_('cancellation')}>
              登记证书注销
            </Button>
          )
        }
      >
        <div>
          地块权证：{view.titleCertNo ?? '未录入'}
          {view.titleRegisteredOn ? `（${view.titleRegisteredOn} 登记）` : ''}
        </div>
        {view.cancellations.map((c) => (
          <div key={c.id}>
            {c.certNo} 于 {c.cancelledOn} 注销{c.note ? `（${c.note}）` : ''}
            {removable && (
              <Popconfirm content={`删除证书 ${c.certNo} 的注销记录？`} theme="danger" onConfirm={() => run(() => deleteTitleCancellationAction({ id: c.id }), '已删除注销记录')}>
                <Button size="small" variant="text" theme="danger">
                  删除
                </Button>
              </Popconfirm>
            )}
          </div>
        ))}
      </Condition>
      <Condition
        testId="net-land-plan"
        title={`纳入 ${year} 年度供应计划`}
        problem={problem('net-land-plan')}
        rule={RULE_SOURCES.supplyPlan}
        action={
          props.editable && (
            <Button size="small" variant="outline" onClick={open_('listing')}>
              登记纳入供应计划
            </Button>
          )
        }
      >
        {view.listings.length === 0 && <div>尚未登记纳入任何年度的供应计划</div>}
        {view.listings.map((l) => (
          <div key={l.id}>
            {l.planYear} 年度供应计划（{l.docNo}），{l.listedOn} 纳入
            {props.editable && (!props.ready || l.planYear !== year) && (
              <Popconfirm content={`删除纳入 ${l.planYear} 年度供应计划的记录？`} theme="danger" onConfirm={() => run(() => deleteSupplyPlanListingAction({ id: l.id }), '已删除纳入记录')}>
                <Button size="small" variant="text" theme="danger">
                  删除
                </Button>
              </Popconfirm>
            )}
          </div>
        ))}
      </Condition>
      <Condition testId="net-land-temp-use" title="临时利用已结束" problem={problem('net-land-temp-use')} rule={RULE_SOURCES.tempUseEnded}>
        {!view.tempUse
          ? '无临时利用'
          : view.tempUse.running
            ? `临时利用中（${view.tempUse.start ?? '？'} 至 ${view.tempUse.end ?? '？'}），请在「管护」中结束`
            : `临时利用（${view.tempUse.start ?? '？'} 至 ${view.tempUse.end ?? '？'}）已于 ${view.tempUse.endedOn ?? '？'} 结束`}
      </Condition>
      <Space style={{ marginTop: 8 }}>
        <span className="lr-muted">以上按今天（{props.today}）检查；办理「转为可供应」时按所填日期再次检查。</span>
      </Space>
      {open === 'exemption' && <ExemptionDialog parcelId={props.parcelId} workTypes={exemptable} onClose={() => setOpen(null)} />}
      {open === 'cancellation' && (
        <CancellationDialog
          parcelId={props.parcelId}
          certNo={view.cancellations.some((c) => c.certNo === view.titleCertNo) ? null : view.titleCertNo}
          minDate={view.titleRegisteredOn}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'listing' && <ListingDialog parcelId={props.parcelId} year={year} planDocNos={view.planDocNos} onClose={() => setOpen(null)} />}
    </Card>
    </div>
  );
}
