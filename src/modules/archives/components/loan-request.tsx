import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitCard } from '@/ui/kit/card';
import { KitAlert } from '@/ui/kit/alert';
import { KitTag } from '@/ui/kit/tag';
import type { PickerItem } from '../loan-queries';
import { MAX_LOAN_ITEMS } from '../loan-validation';
import { LoanRequestForm } from './loan-islands';

const PATH = '/archives/loans/new';

function hrefWith(q: string, picks: string[]): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const id of picks) p.append('pick', id);
  const s = p.toString();
  return s ? `${PATH}?${s}` : PATH;
}

const secrecyTag = (r: PickerItem) => <KitTag theme={r.secrecy === '内部' ? 'warning' : 'default'}>{r.secrecy}</KitTag>;

/** 申请借阅: server-rendered search and picking (links), then the form island. */
export function LoanRequestView(props: { q: string; results: PickerItem[]; picked: PickerItem[]; dropped: number; today: string; maxDays: number }) {
  const pickedIds = props.picked.map((p) => p.id);
  const full = pickedIds.length >= MAX_LOAN_ITEMS;
  const base: Column<PickerItem>[] = [
    { key: 'no', title: '档号', kind: 'code', width: 200, value: (r) => r.archiveNo },
    { key: 'title', title: '题名', kind: 'name', value: (r) => r.title },
    { key: 'owner', title: '地块或项目', kind: 'code', width: 140, value: (r) => r.ownerCode },
    { key: 'stage', title: '阶段', kind: 'text', width: 90, value: (r) => r.stage },
    { key: 'secrecy', title: '密级', kind: 'tag', width: 80, render: secrecyTag },
  ];
  const resultColumns: Column<PickerItem>[] = [
    ...base,
    {
      key: 'ops',
      title: '操作',
      kind: 'actions',
      width: 90,
      render: (r) =>
        pickedIds.includes(r.id) ? (
          <span className="lr-muted">已选</span>
        ) : full ? (
          <span className="lr-muted">已满 {MAX_LOAN_ITEMS} 件</span>
        ) : (
          <a className="lr-link" href={hrefWith(props.q, [...pickedIds, r.id])} data-testid="loan-pick">
            选择
          </a>
        ),
    },
  ];
  const pickedColumns: Column<PickerItem>[] = [
    ...base,
    {
      key: 'ops',
      title: '操作',
      kind: 'actions',
      width: 90,
      render: (r) => (
        <a className="lr-link" href={hrefWith(props.q, pickedIds.filter((id) => id !== r.id))} data-testid="loan-unpick">
          移除
        </a>
      ),
    },
  ];
  const needsLeader = props.picked.some((p) => p.secrecy === '内部');
  return (
    <>
      <KitCard title="申请借阅档案" testId="loan-request">
        <form method="get" action={PATH} className="lr-toolbar" data-testid="loan-search">
          {pickedIds.map((id) => (
            <input key={id} type="hidden" name="pick" value={id} />
          ))}
          <span className="t-input__wrap" style={{ width: 360 }}>
            <span className="t-input t-align-left">
              <input className="t-input__inner" name="q" defaultValue={props.q} maxLength={100} placeholder="档号、题名或地块、项目编号" aria-label="查找档案" data-testid="loan-search-q" />
            </span>
          </span>
          <button type="submit" className="t-button t-button--theme-primary t-button--variant-base" data-testid="loan-search-submit">
            <span className="t-button__text">查找</span>
          </button>
        </form>
        {props.q && (
          <DataTable
            columns={resultColumns}
            rows={props.results}
            rowKey={(r) => r.id}
            empty={`没有找到与「${props.q}」相符的档案`}
            testId="loan-search-results"
          />
        )}
      </KitCard>
      <KitCard title={`已选档案（${props.picked.length} 件，最多 ${MAX_LOAN_ITEMS} 件）`} testId="loan-picked-card">
        {props.dropped > 0 && <KitAlert theme="warning">有 {props.dropped} 个所选条目不存在或已被删除，已移除。</KitAlert>}
        {needsLeader && <KitAlert theme="info">所选档案中有内部档案：档案管理员同意后，还须中心领导审批。</KitAlert>}
        <DataTable columns={pickedColumns} rows={props.picked} rowKey={(r) => r.id} empty="尚未选择档案：请先在上方查找并选择" testId="loan-picked" />
        <LoanRequestForm itemIds={pickedIds} today={props.today} maxDays={props.maxDays} />
      </KitCard>
    </>
  );
}
