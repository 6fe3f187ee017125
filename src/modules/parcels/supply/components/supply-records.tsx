import { KitCard } from '@/ui/kit/card';
import { DescList, type DescItem } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import { formatYuan } from '../../acquisition/fields';
import type { SupplyView } from '../queries';
import { HandoverButton } from './handover-button';

const yuan = (v: string | null) => (v === null ? null : `${formatYuan(v)} 元`);

function StatusTag({ s }: { s: SupplyView }) {
  return <KitTag theme={s.status === '成交' ? (s.current ? 'success' : 'default') : 'danger'}>{s.status === '中止' ? '交易中止' : s.current ? '成交（当前）' : '成交'}</KitTag>;
}

function items(s: SupplyView, canEdit: boolean, today: string): DescItem[] {
  const start = s.mode === '挂牌' ? '挂牌' : s.mode === '拍卖' ? '拍卖' : '投标';
  return [
    { label: '供应方式', content: s.mode },
    { label: '状态', content: <StatusTag s={s} /> },
    {
      label: '交地日期',
      testId: 'supply-handover',
      content: (
        <>
          {s.handoverDate ?? <span className="lr-muted">{s.status === '中止' ? '—' : '未交地'}</span>}
          {s.current && canEdit && <HandoverButton supply={s} today={today} />}
        </>
      ),
    },
    {
      label: '公告 / 开始 / 成交日期',
      span: 3,
      content: (
        <span className="lr-title-line lr-num">
          {s.noticeDate && <span>公告 {s.noticeDate}</span>}
          {s.bidStartDate && (
            <span>
              {start} {s.bidStartDate}
              {s.listingEndDate ? ` 至 ${s.listingEndDate}` : ''}
            </span>
          )}
          <span>成交 {s.dealDate ?? '—'}</span>
        </span>
      ),
    },
    { label: '起始价', content: yuan(s.startingPrice) },
    { label: '成交价', content: yuan(s.dealPrice) },
    { label: '溢价率', content: s.premiumRate === null ? null : `${s.premiumRate}%` },
    { label: '受让人', content: s.transferee },
    { label: '出让合同编号', content: s.contractNo, span: 2 },
    ...(s.allocationCategory ? [{ label: '划拨目录', content: s.allocationCategory, span: 3 }] : []),
    ...(s.benchmarkPrice ? [{ label: '基准地价', content: `${formatYuan(s.benchmarkPrice)} 元/平方米`, span: 3 }] : []),
    ...(s.warnings.length
      ? [
          {
            label: '已确认提示',
            span: 3,
            content: s.warnings.map((w) => (
              <div key={w.code} className="lr-warning-text" title={`依据：${w.rule}`}>
                {w.message}
              </div>
            )),
          },
        ]
      : []),
  ];
}

/**
 * 供应, rendered on the server: the parcel's supply records (read-only; made by the 供应 / 交易中止
 * transitions), one block each, amounts in 元 as on the contract. 交地日期 is the one island.
 */
export function SupplyRecords(props: { parcelId: string; stage: string; supplies: SupplyView[]; canEdit: boolean; today: string }) {
  return (
    <KitCard title="供应记录" testId="supply-records">
      <div className="lr-muted lr-intro">
        供应记录在「
        <a className="lr-link" href={`/parcels/${props.parcelId}/lifecycle`}>
          环节流转
        </a>
        」中办理「供应」时登记，交易中止时标记为中止；此处可登记当前成交记录的交地日期。溢价率 =（成交价 − 起始价）÷ 起始价。
      </div>
      {props.supplies.length === 0 ? (
        <div className="t-table__empty lr-empty">{props.stage === '已供应' ? '没有供应记录' : `地块当前为「${props.stage}」，尚未供应`}</div>
      ) : (
        <div className="lr-stack">
          {props.supplies.map((s) => (
            <DescList key={s.id} column={3} labelWidth={150} items={items(s, props.canEdit, props.today)} testId="supply-record" />
          ))}
        </div>
      )}
    </KitCard>
  );
}
