import type { ReactNode } from 'react';
import { KitCard } from '@/ui/kit/card';
import { KitTag } from '@/ui/kit/tag';
import { NET_LAND_WORK_TYPES, RULE_SOURCES, type GuardProblem } from '../../rules';
import type { NetLandView } from '../queries';
import { NetLandDeleteButton, NetLandDialogButton } from './net-land-actions';

function Condition(props: { testId: string; title: string; problem: GuardProblem | undefined; rule: string; action?: ReactNode; children: ReactNode }) {
  const ok = !props.problem;
  return (
    <div data-testid={props.testId} className="lr-condition">
      <div className="lr-condition__head">
        <span className={ok ? 'lr-condition__ok' : 'lr-condition__no'} aria-hidden="true">
          {ok ? '✓' : '✕'}
        </span>
        <strong>{props.title}</strong>
        <KitTag theme={ok ? 'success' : 'warning'}>{ok ? '已满足' : '未满足'}</KitTag>
        <span className="lr-condition__fill" />
        {props.action}
      </div>
      <div className="lr-condition__body">
        {props.children}
        {props.problem && <div className="lr-condition__problem">{props.problem.message}</div>}
        <div className="lr-muted lr-small lr-condition__rule">依据：{props.rule}</div>
      </div>
    </div>
  );
}

/**
 * 净地条件 on the 前期开发 page, rendered on the server: what 转为可供应 needs besides accepted
 * works — demolition and levelling (or why none is needed), the certificates cancelled, the year's
 * supply plan, no temporary use running — each with what is recorded, what is missing today and
 * its source. Its buttons (dialogs, deletions) are the islands.
 */
export function NetLandCard(props: { parcelId: string; view: NetLandView; editable: boolean; ready: boolean; today: string }) {
  const { view } = props;
  const year = Number(props.today.slice(0, 4));
  const problem = (prefix: string) => view.problems.find((p) => p.code === prefix || p.code.startsWith(`${prefix}-`));
  const removable = props.editable && !props.ready;
  const exemptable = NET_LAND_WORK_TYPES.filter((t) => !view.exemptions.some((e) => e.workType === t) && !view.acceptedWorks.some((w) => w.workType === t));

  return (
    <KitCard title="净地条件（转为可供应前须满足）" testId="net-land">
      <Condition
        testId="net-land-works"
        title="拆除、平整"
        problem={problem('net-land-works')}
        rule={RULE_SOURCES.netLandWorks}
        action={
          props.editable && exemptable.length > 0 ? (
            <NetLandDialogButton parcelId={props.parcelId} label="登记无须施工原因" dialog={{ kind: 'exemption', workTypes: exemptable }} />
          ) : undefined
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
                <NetLandDeleteButton kind="exemption" id={exemption.id} label="撤销" theme="warning" confirm={`撤销无须${t}的原因？`} done={`已撤销无须${t}的原因`} />
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
          props.editable ? (
            <NetLandDialogButton
              parcelId={props.parcelId}
              label="登记证书注销"
              dialog={{ kind: 'cancellation', certNo: view.cancellations.some((c) => c.certNo === view.titleCertNo) ? null : view.titleCertNo, minDate: view.titleRegisteredOn }}
            />
          ) : undefined
        }
      >
        <div>
          地块权证：{view.titleCertNo ?? '未录入'}
          {view.titleRegisteredOn ? `（${view.titleRegisteredOn} 登记）` : ''}
        </div>
        {view.cancellations.map((c) => (
          <div key={c.id}>
            {c.certNo} 于 {c.cancelledOn} 注销{c.note ? `（${c.note}）` : ''}
            {removable && <NetLandDeleteButton kind="cancellation" id={c.id} label="删除" theme="danger" confirm={`删除证书 ${c.certNo} 的注销记录？`} done="已删除注销记录" />}
          </div>
        ))}
      </Condition>
      <Condition
        testId="net-land-plan"
        title={`纳入 ${year} 年度供应计划`}
        problem={problem('net-land-plan')}
        rule={RULE_SOURCES.supplyPlan}
        action={props.editable ? <NetLandDialogButton parcelId={props.parcelId} label="登记纳入供应计划" dialog={{ kind: 'listing', year, planDocNos: view.planDocNos }} /> : undefined}
      >
        {view.listings.length === 0 && <div>尚未登记纳入任何年度的供应计划</div>}
        {view.listings.map((l) => (
          <div key={l.id}>
            {l.planYear} 年度供应计划（{l.docNo}），{l.listedOn} 纳入
            {props.editable && (!props.ready || l.planYear !== year) && (
              <NetLandDeleteButton kind="listing" id={l.id} label="删除" theme="danger" confirm={`删除纳入 ${l.planYear} 年度供应计划的记录？`} done="已删除纳入记录" />
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
      <div className="lr-muted lr-condition__foot">以上按今天（{props.today}）检查；办理「转为可供应」时按所填日期再次检查。</div>
    </KitCard>
  );
}
