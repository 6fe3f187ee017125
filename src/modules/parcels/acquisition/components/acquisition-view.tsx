import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { KitTag } from '@/ui/kit/tag';
import { formatWanYuan, formatYuan } from '../fields';
import type { CompensationSummary, ParcelCostView, PartyView } from '../queries';
import { RULE_SOURCES } from '../../rules';
import { CostsCard } from './costs-card';
import { AddPartyButton, PartiesTable } from './parties-table';
import { SummaryGrid } from './summary-grid';

/**
 * 征收补偿, rendered on the server: the totals, the compensated parties (an island: personal data
 * masked until revealed, items expanded in place) and the acquisition costs.
 */
export function AcquisitionView(props: {
  parcelId: string;
  parties: PartyView[];
  summary: CompensationSummary;
  costs: ParcelCostView[];
  costsTotal: string;
  frozenReason: string | null;
  canEdit: boolean;
  canReveal: boolean;
  today: string;
}) {
  const { summary } = props;
  const editable = props.canEdit && !props.frozenReason;
  const completeHint = summary.parties === 0 ? '尚未登记补偿对象' : summary.complete ? '全部签约且付清' : `${summary.parties - summary.signedCount} 户未签约，未支付 ${formatWanYuan(summary.unpaid)} 万元`;
  return (
    <div className="lr-stack">
      <KitCard title="补偿汇总">
        <SummaryGrid
          testId="compensation-summary"
          items={[
            { label: '补偿对象', value: `${summary.parties} 户`, hint: `已签约 ${summary.signedCount} 户` },
            { label: '协议金额', value: `${formatWanYuan(summary.agreed)} 万元`, hint: `${formatYuan(summary.agreed)} 元` },
            { label: '已支付（已审批）', value: `${formatWanYuan(summary.paid)} 万元`, hint: `${formatYuan(summary.paid)} 元` },
            { label: '审批中', value: `${formatWanYuan(summary.pending)} 万元`, hint: `${formatYuan(summary.pending)} 元，审批通过后计为已支付` },
            { label: '未支付', value: `${formatWanYuan(summary.unpaid)} 万元`, hint: `${formatYuan(summary.unpaid)} 元` },
            { label: '补偿是否完成', value: <KitTag theme={summary.complete ? 'success' : 'warning'}>{summary.complete ? '已完成' : '未完成'}</KitTag>, hint: completeHint },
          ]}
        />
      </KitCard>
      <KitCard title="补偿对象" actions={editable ? <AddPartyButton parcelId={props.parcelId} today={props.today} /> : undefined}>
        {props.frozenReason && (
          <KitAlert theme="info" className="lr-gap-bottom">
            {props.frozenReason}
          </KitAlert>
        )}
        <div className="lr-muted lr-small lr-gap-bottom">补偿明细依据：{RULE_SOURCES.compensationItems}</div>
        {!props.canReveal && summary.parties > 0 && (
          <div className="lr-muted lr-small lr-gap-bottom">证件号码与联系电话已脱敏显示；查看完整信息需「查看被征收人完整身份证号与电话」权限。</div>
        )}
        <PartiesTable parcelId={props.parcelId} parties={props.parties} editable={editable} canReveal={props.canReveal} today={props.today} />
      </KitCard>
      <CostsCard parcelId={props.parcelId} costs={props.costs} total={props.costsTotal} editable={editable} rule={RULE_SOURCES.acquisitionCosts} />
    </div>
  );
}
