'use client';
import { useRef } from 'react';
import { Button } from 'tdesign-react';
import { AttachIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { attachEventDocumentAction } from '../actions';

/** The documents of one lifecycle event, and (with parcel:transition) an upload button. */
export function EventDocuments(props: { eventId: string; documents: { id: string; fileName: string; url: string }[]; canUpload: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const { run, busy } = useRunAction();
  const upload = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.set('eventId', props.eventId);
    form.set('file', file);
    await run(() => attachEventDocumentAction(form), `已上传附件「${file.name}」`);
    if (input.current) input.current.value = '';
  };
  if (!props.canUpload && props.documents.length === 0) return null;
  return (
    <div style={{ fontSize: 13, marginTop: 4 }} data-testid="event-documents">
      {props.documents.map((d) => (
        <a key={d.id} href={d.url} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
          📎 {d.fileName}
        </a>
      ))}
      {props.canUpload && (
        <>
          <input ref={input} type="file" accept=".pdf,.jpg,.jpeg,.png,.webp" hidden aria-label="上传流转附件" onChange={(e) => upload(e.target.files?.[0])} />
          <Button size="small" variant="text" icon={<AttachIcon />} loading={busy} onClick={() => input.current?.click()}>
            添加附件
          </Button>
        </>
      )}
    </div>
  );
}
