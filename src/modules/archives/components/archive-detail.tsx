import './archives.css';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitCard } from '@/ui/kit/card';
import { KitTag } from '@/ui/kit/tag';
import { LinkButton } from '@/ui/kit/link-button';
import { formatDateTime } from '@/ui/format';
import { formatFileSize } from '@/ui/file-checks';
import type { ArchiveDetail } from '../queries';
import { archiveFileUrl } from '../file-urls';
import { AddItemButton, AddItemFileButton } from './archive-islands';

type ItemView = ArchiveDetail['stages'][number]['items'][number];

/** /archives/[id]: one archive (一地一档), its items by stage, each with its files. */
export function ArchiveDetailView({ archive: a, canManage }: { archive: ArchiveDetail; canManage: boolean }) {
  const ownerHref = a.ownerType === '地块' ? `/parcels/${a.ownerId}` : `/projects/${a.ownerId}`;
  const columns: Column<ItemView>[] = [
    { key: 'no', title: '档号', kind: 'code', width: 176, value: (i) => i.archiveNo, tooltip: (i) => i.archiveNo },
    {
      key: 'title',
      title: '题名',
      kind: 'name',
      value: (i) => i.title,
      tooltip: (i) => [i.title, i.description, `责任者：${i.department}`, i.pageCount ? `${i.pageCount} 页` : null, `${i.acceptedByName} 著录`].filter(Boolean).join('；'),
    },
    { key: 'category', title: '类别', kind: 'text', width: 96, value: (i) => i.category },
    { key: 'date', title: '形成日期', kind: 'date', value: (i) => i.itemDate },
    { key: 'retention', title: '保管期限', kind: 'tag', width: 84, render: (i) => <KitTag theme={i.retention === '永久' ? 'primary' : 'default'}>{i.retention}</KitTag> },
    { key: 'secrecy', title: '密级', kind: 'tag', width: 72, render: (i) => <KitTag theme={i.secrecy === '内部' ? 'warning' : 'default'}>{i.secrecy}</KitTag> },
    {
      key: 'files',
      title: '文件',
      kind: 'text',
      width: 200,
      tooltip: (i) => i.files.map((f) => `${f.fileName}（${formatFileSize(f.sizeBytes)}）`).join('；'),
      render: (i) => (
        <span id={`item-${i.id}`} className="lr-archive-files">
          {canManage
            ? i.files.map((f) => (
                <a key={f.id} className="lr-link" href={archiveFileUrl(f.id)} target="_blank" rel="noreferrer" data-testid="archive-file-link">
                  {f.fileName}
                </a>
              ))
            : `${i.files.length} 个文件（借阅后查看）`}
        </span>
      ),
    },
  ];
  if (canManage) columns.push({ key: 'ops', title: '操作', kind: 'actions', width: 88, render: (i) => <AddItemFileButton itemId={i.id} archiveNo={i.archiveNo} /> });
  const filled = a.stages.filter((s) => s.items.length > 0);
  return (
    <>
      <KitCard
        testId="archive-header"
        title={
          <span>
            {a.title}
            <KitTag theme="primary" gap>
              {a.ownerType}档案
            </KitTag>
          </span>
        }
        actions={
          <div style={{ display: 'flex', gap: 8 }}>
            <LinkButton href={`/archives?code=${encodeURIComponent(a.ownerCode)}`}>在检索中查看</LinkButton>
            {canManage && <AddItemButton archiveId={a.id} ownerLabel={`${a.ownerType} ${a.ownerCode}`} />}
          </div>
        }
      >
        <DescList
          column={4}
          labelWidth={100}
          items={[
            {
              label: a.ownerType === '地块' ? '地块' : '储备项目',
              content: (
                <a className="lr-link" href={ownerHref}>
                  {a.ownerCode}
                </a>
              ),
            },
            { label: '档案条目', content: `${a.itemCount} 件`, testId: 'archive-item-count' },
            { label: '文件', content: `${a.fileCount} 个` },
            { label: '建档时间', content: formatDateTime(a.createdAt) },
          ]}
        />
      </KitCard>
      {filled.length === 0 && (
        <KitCard title="档案条目">
          <p className="lr-muted" data-testid="archive-empty">
            该档案还没有条目。业务办结后（环节完成、发文归档、合同履行完毕、收支审批通过）相关文件会进入档案管理员的待归档清单{canManage ? '；也可点击右上角「著录」直接录入' : ''}。
          </p>
        </KitCard>
      )}
      {filled.map((s) => (
        <KitCard key={s.stage} title={`${s.stage}（${s.items.length} 件）`} testId={`archive-stage-${s.stage}`}>
          <DataTable columns={columns} rows={s.items} rowKey={(i) => i.id} empty="无" testId="archive-stage-items" />
        </KitCard>
      ))}
      <p className="lr-muted lr-archive-note">
        档号按 DA/T 22-2015《归档文件整理规则》编制；文件按 SM3 摘要保存，每次查看、下载前都会校验摘要，被改动的文件不会提供下载。
        {a.itemCount > 0 && ` 最后著录：${formatDateTime(filled.flatMap((x) => x.items).reduce((m, i) => (i.acceptedAt > m ? i.acceptedAt : m), a.createdAt))}`}
      </p>
    </>
  );
}
