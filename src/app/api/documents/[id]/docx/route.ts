import { exportRoute } from '@/platform/http/export-route';
import { fileError } from '@/platform/storage/file-response';
import { getDocument } from '@/modules/documents/queries';
import { documentDocx, docxFileName } from '@/modules/documents/outputs';

export const dynamic = 'force-dynamic';

/** The 发文 as a Word file in the GB/T 9704-2012 layout, for holders of document:view. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return exportRoute({ permission: 'document:view', deniedMessage: '您没有查看公文的权限', action: '导出公文 Word', objectType: '公文' }, async (db) => {
    const detail = /^[0-9A-Za-z_-]{1,64}$/.test(id) ? await getDocument(db, id) : null;
    if (!detail || detail.doc.direction !== '发文') return fileError(404, '公文不存在或已被删除');
    const buffer = await documentDocx(detail);
    const name = encodeURIComponent(docxFileName(detail));
    return new Response(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': `attachment; filename="document.docx"; filename*=UTF-8''${name}`,
        'cache-control': 'no-store',
      },
    });
  });
}
