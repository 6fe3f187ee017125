'use client';
import { useRouter } from 'next/navigation';
import { Button, MessagePlugin, Popconfirm } from 'tdesign-react';
import { DeleteIcon } from 'tdesign-icons-react';
import { FileUpload } from '@/ui/file-upload';
import { useRunAction } from '@/ui/use-run-action';
import { documentProblem, DOCUMENT_TYPE_LABEL, MAX_DOCUMENT_BYTES } from '@/platform/storage/document-types';
import { deleteDocumentAttachmentAction, uploadDocumentAttachmentAction } from '../actions';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp';
const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

/** A 发文's attachments: the list, and (for its drafter before submission) upload and delete. */
export function DocumentAttachments(props: { id: string; files: { id: string; fileName: string; sizeText: string; url: string }[]; canEdit: boolean }) {
  const router = useRouter();
  const { run } = useRunAction();
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('documentId', props.id);
    form.set('file', file);
    const res = await uploadDocumentAttachmentAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已上传附件「${file.name}」`);
    router.refresh();
    return null;
  };
  return (
    <div data-testid="document-attachments">
      {props.files.length === 0 ? (
        <div className="lr-muted">暂无附件。</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {props.files.map((a) => (
            <li key={a.id} style={{ padding: '4px 0', display: 'flex', gap: 12, alignItems: 'center' }}>
              <a href={a.url} target="_blank" rel="noreferrer" style={LINK}>
                📎 {a.fileName}
              </a>
              <span className="lr-muted" style={{ fontSize: 12 }}>
                {a.sizeText}
              </span>
              {props.canEdit && (
                <Popconfirm content={`删除附件「${a.fileName}」？`} theme="danger" onConfirm={() => void run(() => deleteDocumentAttachmentAction({ id: a.id }), `已删除附件「${a.fileName}」`)}>
                  <Button size="small" variant="text" theme="danger" icon={<DeleteIcon />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit && (
        <div style={{ marginTop: 16, maxWidth: 560 }}>
          <FileUpload
            label="上传公文附件"
            testId="document-attachment-file"
            accept={ACCEPT}
            typeLabel={DOCUMENT_TYPE_LABEL}
            maxBytes={MAX_DOCUMENT_BYTES}
            check={async (file) => documentProblem(file.name, new Uint8Array(await file.arrayBuffer()))}
            onUpload={upload}
            afterSuccess="clear"
          />
        </div>
      )}
    </div>
  );
}
