'use client';
import { useRouter } from 'next/navigation';
import { MessagePlugin } from 'tdesign-react';
import { FileUpload } from '@/ui/file-upload';
import { DOCUMENT_TYPE_LABEL, documentProblem, MAX_DOCUMENT_BYTES } from '@/platform/storage/document-types';
import { attachEventDocumentAction } from '../actions';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp';

/** The documents of one lifecycle event, and (with parcel:transition) a picker to add one. */
export function EventDocuments(props: { eventId: string; documents: { id: string; fileName: string; url: string }[]; canUpload: boolean }) {
  const router = useRouter();
  /** One document per request (request size limit); the server checks it again by content. */
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('eventId', props.eventId);
    form.set('file', file);
    const res = await attachEventDocumentAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已上传附件「${file.name}」`);
    router.refresh();
    return null;
  };
  if (!props.canUpload && props.documents.length === 0) return null;
  return (
    <div style={{ fontSize: 13, marginTop: 4, display: 'grid', gap: 6 }} data-testid="event-documents">
      {props.documents.length > 0 && (
        <div>
          {props.documents.map((d) => (
            <a key={d.id} href={d.url} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
              📎 {d.fileName}
            </a>
          ))}
        </div>
      )}
      {props.canUpload && (
        <div style={{ maxWidth: 480 }}>
          <FileUpload
            compact
            label="上传流转附件"
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
