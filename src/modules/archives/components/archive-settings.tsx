import './archives.css';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitCard } from '@/ui/kit/card';
import { KitAlert } from '@/ui/kit/alert';
import { KitTag } from '@/ui/kit/tag';
import { formatDateTime } from '@/ui/format';
import type { ArchiveCheckProblem, ArchiveCheckRecord } from '../integrity';
import type { ArchiveNumbering } from '../store';
import { FONDS_SOURCE, formatArchiveNo, RULE_SOURCE } from '../numbering';
import { ArchiveSettingsForm, RunCheckButton } from './archive-islands';

const PROBLEM_COLUMNS: Column<ArchiveCheckProblem>[] = [
  { key: 'no', title: '档号', kind: 'code', width: 176, value: (p) => p.archiveNo },
  { key: 'file', title: '文件', kind: 'name', value: (p) => p.fileName },
  { key: 'problem', title: '问题', kind: 'tag', width: 110, render: (p) => <KitTag theme="danger">{p.problem}</KitTag> },
  { key: 'sm3', title: '登记的 SM3 摘要', kind: 'code', width: 300, value: (p) => p.sm3, tooltip: (p) => p.sm3 },
];

/** /archives/settings: the 档号 rule (with its source) and the integrity check. */
export function ArchiveSettingsView({ numbering: n, check }: { numbering: ArchiveNumbering; check: ArchiveCheckRecord | null }) {
  const year = new Date().getFullYear();
  const example = formatArchiveNo(n.template, { fonds: n.fondsCode, classCode: n.classCode, year, retention: '永久' }, 1).archiveNo;
  return (
    <>
      <KitCard title="档号规则" testId="archive-numbering">
        {!n.set.fondsCode && (
          <KitAlert theme="warning" title="全宗号待确认">
            {FONDS_SOURCE}
          </KitAlert>
        )}
        <DescList
          column={2}
          labelWidth={110}
          items={[
            { label: '当前规则', content: n.template },
            { label: '示例', content: <span data-testid="archive-number-example">{example}</span> },
            { label: '依据', content: RULE_SOURCE, span: 2 },
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <ArchiveSettingsForm fondsCode={n.fondsCode} classCode={n.classCode} template={n.template} />
        </div>
        <p className="lr-muted lr-archive-note">修改规则只影响此后著录的条目，已编的档号不变；新规则下件号按年度、保管期限重新从 1 起编。</p>
      </KitCard>
      <KitCard title="完整性检查" testId="archive-integrity" actions={<RunCheckButton />}>
        {check ? (
          <>
            <DescList
              column={3}
              labelWidth={110}
              items={[
                { label: '最近检查', content: `${formatDateTime(check.startedAt)}（${check.via}）` },
                { label: '检查文件', content: `${check.filesChecked} 个`, testId: 'archive-check-files' },
                {
                  label: '结果',
                  content:
                    check.missing + check.altered === 0 ? (
                      <KitTag theme="success">全部完好</KitTag>
                    ) : (
                      <KitTag theme="danger">
                        缺失 {check.missing} 个，被篡改 {check.altered} 个
                      </KitTag>
                    ),
                  testId: 'archive-check-result',
                },
              ]}
            />
            {check.problems.length > 0 && <DataTable columns={PROBLEM_COLUMNS} rows={check.problems} rowKey={(p) => `${p.itemId}-${p.sm3}-${p.fileName}`} empty="无" testId="archive-check-problems" />}
          </>
        ) : (
          <p className="lr-muted">尚未检查。</p>
        )}
        <p className="lr-muted lr-archive-note">逐个重新计算档案文件的 SM3 摘要并与归档时登记的摘要比对；命令行 `npm run archives:verify` 做同样的检查，可由定时任务执行。</p>
      </KitCard>
    </>
  );
}
