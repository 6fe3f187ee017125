import type { Metadata } from 'next';
import { z } from 'zod';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { zFilterPage, zFilterPageSize, zFilterText } from '@/platform/validation';
import { KitCard } from '@/ui/kit/card';
import { KitAlert } from '@/ui/kit/alert';
import { DataTable } from '@/ui/kit/data-table';
import { Pagination } from '@/ui/kit/pagination';
import { LinkButton } from '@/ui/kit/link-button';
import type { Column } from '@/ui/kit/columns';
import { archivesForTransfer, formatBytes, listArchivesForTransfer, type TransferArchiveRow } from '@/modules/archives/transfer-queries';
import { MAX_TRANSFER_ARCHIVES, MAX_TRANSFER_BYTES } from '@/modules/archives/transfer';

export const metadata: Metadata = { title: '档案移交' };

const ZParams = z.object({ code: zFilterText(64), page: zFilterPage, size: zFilterPageSize });
const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The chosen archives: `archives` repeated (the form's check boxes) or comma-separated. */
function chosenIds(raw: string | string[] | undefined): string[] {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(','));
  return [...new Set(list.map((s) => s.trim()).filter((s) => ID.test(s)))].slice(0, MAX_TRANSFER_ARCHIVES);
}

/**
 * 档案移交: find archives by the parcel's or project's code, tick them (the choice is kept in the
 * URL across searches: a plain GET form, no client script), see what the package will hold, then
 * 「生成移交包」 downloads it from /api/archives/transfer.
 */
export default async function ArchiveTransferPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission('archive:manage');
  const raw = await searchParams;
  const f = ZParams.parse({ code: raw.code, page: raw.page, size: raw.size });
  const chosen = chosenIds(raw.archives);
  const db = await getDb();
  const [{ rows, total }, selected] = await Promise.all([listArchivesForTransfer(db, f), archivesForTransfer(db, chosen)]);
  const chosenSet = new Set(selected.map((a) => a.id));
  const sum = (k: 'itemCount' | 'fileCount' | 'totalBytes') => selected.reduce((s, a) => s + a[k], 0);
  const tooBig = sum('totalBytes') > MAX_TRANSFER_BYTES;
  const columns: Column<TransferArchiveRow>[] = [
    {
      key: 'pick',
      title: '选择',
      kind: 'actions',
      width: 64,
      render: (r) => <input type="checkbox" name="archives" value={r.id} form="transfer-form" defaultChecked={chosenSet.has(r.id)} aria-label={`选择 ${r.ownerCode}`} data-testid="transfer-pick" />,
    },
    { key: 'code', title: '编号', kind: 'code', value: (r) => r.ownerCode },
    { key: 'type', title: '类型', kind: 'text', width: 72, value: (r) => r.ownerType },
    { key: 'title', title: '档案名称', kind: 'name', value: (r) => r.title },
    { key: 'items', title: '条目数', kind: 'count', value: (r) => r.itemCount },
    { key: 'files', title: '文件数', kind: 'count', value: (r) => r.fileCount },
    { key: 'size', title: '文件大小', kind: 'text', width: 104, value: (r) => formatBytes(r.totalBytes) },
  ];
  return (
    <>
      <KitCard title="档案移交" actions={<span className="lr-muted">共 {total} 卷档案</span>} testId="archive-transfer">
        <form id="transfer-form" method="get" action="/archives/transfer" className="lr-toolbar">
          {selected
            .filter((a) => !rows.some((r) => r.id === a.id))
            .map((a) => (
              <input key={a.id} type="hidden" name="archives" value={a.id} />
            ))}
          <div className="t-input__wrap" style={{ width: 240 }}>
            <div className="t-input">
              <input className="t-input__inner" name="code" placeholder="地块或项目编号" defaultValue={f.code ?? ''} aria-label="地块或项目编号" />
            </div>
          </div>
          <button className="t-button t-button--theme-default t-button--variant-outline" type="submit">
            <span className="t-button__text">查询</span>
          </button>
          <button className="t-button t-button--theme-primary t-button--variant-base" type="submit" data-testid="transfer-preview">
            <span className="t-button__text">确定选择</span>
          </button>
        </form>
        <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} striped empty="没有符合条件的档案" testId="transfer-archives" />
        <Pagination path="/archives/transfer" state={{ code: f.code, size: f.size, archives: selected.map((a) => a.id).join(',') || undefined }} page={f.page} size={f.size} total={total} unit="卷" />
      </KitCard>
      <KitCard title="移交包内容" testId="transfer-summary">
        {selected.length === 0 ? (
          <p className="lr-muted">请在上方勾选档案并点击「确定选择」。</p>
        ) : (
          <>
            <p data-testid="transfer-totals">
              已选 {selected.length} 卷档案：{sum('itemCount')} 件条目，{sum('fileCount')} 个文件，共 {formatBytes(sum('totalBytes'))}。
            </p>
            <p className="lr-muted">
              移交包按 DA/T 22-2015 组织：每卷档案一个文件夹（以地块或项目编号命名），其中每件一个文件夹（以档号命名）；根目录含「归档文件目录.xlsx」、带 SM3 摘要的 manifest.json 与 manifest.xml。打包时逐个核验文件的 SM3 摘要，不符的文件不放入移交包，列入「问题清单.txt」。
            </p>
            {tooBig ? (
              <KitAlert theme="warning">所选档案的文件超过单个移交包的上限 {formatBytes(MAX_TRANSFER_BYTES)}，请分批选择。</KitAlert>
            ) : (
              <LinkButton theme="primary" href={`/api/archives/transfer?archives=${selected.map((a) => a.id).join(',')}`} download testId="transfer-download">
                生成移交包
              </LinkButton>
            )}
          </>
        )}
      </KitCard>
    </>
  );
}
