'use client';
import { useRouter } from 'next/navigation';
import { Button, Card, MessagePlugin, Popconfirm } from 'tdesign-react';
import { DeleteIcon } from 'tdesign-icons-react';
import { FileUpload } from '@/ui/file-upload';
import { useRunAction } from '@/ui/use-run-action';
import { deleteIncomingAttachmentAction, uploadIncomingAttachmentAction } from '../actions';
import { INCOMING_FILE_ACCEPT, INCOMING_FILE_LABEL, INCOMING_FILE_MAX_BYTES, incomingFileProblem } from '../files-rules';

const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

export interface IncomingAttachmentsView {
  documentId: string;
  files: { id: string; fileName: string; url: string; sizeText: string }[];
  canUpload: boolean;
  canDelete: boolean;
}

/** The scan and enclosures of a 收文: the list, and the picker while the viewer may add files. */
export function IncomingAttachments({ view }: { view: IncomingAttachmentsView }) {
  const router = useRouter();
  const { run } = useRunAction();
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('documentId', view.documentId);
    form.set('file', file);
    const res = await uploadIncomingAttachmentAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已上传附件「${file.name}」`);
    router.refresh();
    return null;
  };
  return (
    <Card bordered={false} title={`附件（${view.files.length}）`}>
      {view.files.length === 0 ? (
        <div className="lr-muted">暂无附件。可上传来文扫描件及其附件。</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="incoming-attachments">
          {view.files.map((a) => (
            <li key={a.id} style={{ padding: '4px 0', display: 'flex', gap: 12, alignItems: 'center' }}>
              <a href={a.url} target="_blank" rel="noreferrer" style={LINK}>
                📎 {a.fileName}
              </a>
              <span className="lr-muted" style={{ fontSize: 12 }}>
                {a.sizeText}
              </span>
              {view.canDelete && (
                <Popconfirm content={`删除附件「${a.fileName}」？`} theme="danger" onConfirm={() => void run(() => deleteIncomingAttachmentAction({ id: a.id }), `已删除附件「${a.fileName}」`)}>
                  <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.canUpload && (
        <div style={{ marginTop: 16, maxWidth: 560 }}>
          <FileUpload
            label="上传收文附件"
            testId="incoming-attachment-file"
            accept={INCOMING_FILE_ACCEPT}
            typeLabel={INCOMING_FILE_LABEL}
            maxBytes={INCOMING_FILE_MAX_BYTES}
            check={async (file) => incomingFileProblem(file.name, new Uint8Array(await file.arrayBuffer()))}
            onUpload={upload}
            afterSuccess="clear"
          />
        </div>
      )}
    </Card>
  );
}
