'use client';
import { useRouter } from 'next/navigation';
import { Button, Card, MessagePlugin, Popconfirm } from 'tdesign-react';
import { DeleteIcon } from 'tdesign-icons-react';
import { FileUpload } from '@/ui/file-upload';
import { useRunAction } from '@/ui/use-run-action';
import { MAX_DOCUMENT_BYTES } from '@/platform/storage/document-types';
import { deleteEntryAttachmentAction, uploadEntryAttachmentAction } from '../actions';
import { LEDGER_FILE_ACCEPT, LEDGER_FILE_LABEL, ledgerFileProblem } from '../files-rules';
import type { EntryDetailView } from '../view';

const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

/** Vouchers, invoices and contract scans of a ledger entry: the list, and the picker when allowed. */
export function EntryAttachments(props: { view: EntryDetailView }) {
  const { view } = props;
  const router = useRouter();
  const { run } = useRunAction();

  /** One file per request (request size limit); the server checks it again by content. */
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('entryId', view.id);
    form.set('file', file);
    const res = await uploadEntryAttachmentAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已上传附件「${file.name}」`);
    router.refresh();
    return null;
  };

  return (
    <Card bordered={false} title={`附件（${view.attachments.length}）`}>
      {view.attachments.length === 0 ? (
        <div className="lr-muted">暂无附件。可上传凭证、发票、合同等扫描件。</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="entry-attachments">
          {view.attachments.map((a) => (
            <li key={a.id} style={{ padding: '4px 0', display: 'flex', gap: 12, alignItems: 'center' }}>
              <a href={a.url} target="_blank" rel="noreferrer" style={LINK}>
                📎 {a.fileName}
              </a>
              <span className="lr-muted" style={{ fontSize: 12 }}>
                {a.sizeText}
              </span>
              {view.actions.canDeleteAttachment && (
                <Popconfirm content={`删除附件「${a.fileName}」？`} theme="danger" onConfirm={() => void run(() => deleteEntryAttachmentAction({ id: a.id }), `已删除附件「${a.fileName}」`)}>
                  <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.actions.canUpload && (
        <div style={{ marginTop: 16, maxWidth: 560 }}>
          <FileUpload
            label="上传收支附件"
            testId="entry-attachment-file"
            accept={LEDGER_FILE_ACCEPT}
            typeLabel={LEDGER_FILE_LABEL}
            maxBytes={MAX_DOCUMENT_BYTES}
            check={async (file) => ledgerFileProblem(file.name, new Uint8Array(await file.arrayBuffer()))}
            onUpload={upload}
            afterSuccess="clear"
          />
        </div>
      )}
    </Card>
  );
}
