'use server';
import { runMutation } from '@/platform/run-action';
import { transitionParcel } from './mutations';
import { attachEventDocument } from './documents';

export async function transitionParcelAction(input: unknown) {
  return runMutation(transitionParcel, input);
}

/** FormData with `eventId` and one `file` (one document per request: request size limit). */
export async function attachEventDocumentAction(form: FormData) {
  const file = form.get('file');
  const input =
    file instanceof File
      ? { eventId: form.get('eventId'), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { eventId: form.get('eventId'), fileName: '附件', bytes: null };
  return runMutation(attachEventDocument, input);
}
