import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { KitCard } from '@/ui/kit/card';
import { ENTRY_STATUSES, type TEntryStatus } from '@/modules/funds/rules';
import type { UnmatchedEntry, UnmatchedParty, UnmatchedReport, UnmatchedWork } from '../legacy';

const ENTRY_COLUMNS: Column<UnmatchedEntry>[] = [
  { key: 'no', title: '收支编号', kind: 'code', value: (e) => e.entryNo, href: (e) => `/funds/ledger/${e.id}` },
  { key: 'date', title: '发生日期', kind: 'date', value: (e) => e.entryDate },
  { key: 'amount', title: '金额', kind: 'money', value: (e) => e.amount },
  { key: 'contractNo', title: '合同编号', kind: 'text', width: 150, value: (e) => e.contractNo },
  { key: 'project', title: '项目', kind: 'text', width: 120, value: (e) => e.projectCode },
  { key: 'status', title: '状态', kind: 'text', width: 100, value: (e) => ENTRY_STATUSES[e.status as TEntryStatus] ?? e.status },
  { key: 'reason', title: '未匹配原因', kind: 'text', value: (e) => e.reason },
];
const PARTY_COLUMNS: Column<UnmatchedParty>[] = [
  { key: 'parcel', title: '地块', kind: 'code', value: (p) => p.parcelCode, href: (p) => `/parcels/${p.parcelId}/acquisition` },
  { key: 'name', title: '补偿对象', kind: 'name', value: (p) => p.name },
  { key: 'no', title: '协议编号', kind: 'text', width: 150, value: (p) => p.agreementNo },
  { key: 'amount', title: '协议金额', kind: 'money', value: (p) => p.amountAgreed },
  { key: 'reason', title: '未匹配原因', kind: 'text', value: (p) => p.reason },
];
const WORK_COLUMNS: Column<UnmatchedWork>[] = [
  { key: 'parcel', title: '地块', kind: 'code', value: (w) => w.parcelCode, href: (w) => `/parcels/${w.parcelId}/development` },
  { key: 'type', title: '工程', kind: 'text', width: 100, value: (w) => w.workType },
  { key: 'contractor', title: '施工单位', kind: 'name', value: (w) => w.contractor },
  { key: 'amount', title: '合同金额', kind: 'money', value: (w) => w.contractAmount },
  { key: 'reason', title: '未匹配原因', kind: 'text', value: (w) => w.reason },
];

/**
 * /contracts/unmatched: records that carry a contract but are linked to none of the 合同台账
 * (the same list as `npm run contracts:unmatched`). Register the contract (or correct the
 * number) and run the link step again, or link them on the contract's form.
 */
export function UnmatchedView({ report }: { report: UnmatchedReport }) {
  return (
    <div className="lr-stack">
      <KitCard title={`收支记录（${report.entries.length}）`} testId="unmatched-entries">
        <p className="lr-muted" style={{ margin: '0 0 8px', fontSize: 13 }}>
          合同编号与合同台账中的合同编号（去掉首尾空格后）完全一致的支出记录已自动关联；以下记录未能关联。登记该合同后运行 npm run contracts:unmatched 即可关联，或在修改草稿、退回的记录时选择合同。
        </p>
        <DataTable columns={ENTRY_COLUMNS} rows={report.entries} rowKey={(e) => e.id} moneyUnit="元" empty="没有未匹配的收支记录" />
      </KitCard>
      <KitCard title={`征收补偿协议（${report.parties.length}）`} testId="unmatched-parties">
        <DataTable columns={PARTY_COLUMNS} rows={report.parties} rowKey={(p) => p.id} moneyUnit="元" empty="没有未匹配的补偿协议" />
      </KitCard>
      <KitCard title={`前期开发工程（${report.works.length}）`} testId="unmatched-works">
        <DataTable columns={WORK_COLUMNS} rows={report.works} rowKey={(w) => w.id} moneyUnit="元" empty="没有未匹配的工程合同" />
      </KitCard>
    </div>
  );
}
