'use server';
import { runMutation } from '@/platform/run-action';
import {
  archiveIncoming,
  assignIncoming,
  completeIncoming,
  deleteIncomingAttachment,
  handleIncoming,
  instructIncoming,
  proposeIncoming,
  registerIncoming,
  returnIncoming,
  uploadIncomingAttachment,
} from './mutations';

export async function registerIncomingAction(input: unknown) {
  return runMutation(registerIncoming, input);
}

export async function proposeIncomingAction(input: unknown) {
  return runMutation(proposeIncoming, input);
}

export async function instructIncomingAction(input: unknown) {
  return runMutation(instructIncoming, input);
}

export async function assignIncomingAction(input: unknown) {
  return runMutation(assignIncoming, input);
}

export async function handleIncomingAction(input: unknown) {
  return runMutation(handleIncoming, input);
}

export async function returnIncomingAction(input: unknown) {
  return runMutation(returnIncoming, input);
}

export async function completeIncomingAction(input: unknown) {
  return runMutation(completeIncoming, input);
}

export async function archiveIncomingAction(input: unknown) {
  return runMutation(archiveIncoming, input);
}

/** FormData with `documentId` and one `file` (one file per request: request size limit). */
export async function uploadIncomingAttachmentAction(form: FormData) {
  const file = form.get('file');
  const input =
    file instanceof File
      ? { documentId: form.get('documentId'), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { documentId: form.get('documentId'), fileName: '附件', bytes: null };
  return runMutation(uploadIncomingAttachment, input);
}

export async function deleteIncomingAttachmentAction(input: unknown) {
  return runMutation(deleteIncomingAttachment, input);
}
