'use server';
import { runMutation } from '@/platform/run-action';
import { actOnDocument, createDocument, deleteDocumentAttachment, saveDocumentFlow, saveNumberRule, updateDocument, uploadDocumentAttachment } from './mutations';

export async function createDocumentAction(input: unknown) {
  return runMutation(createDocument, input);
}

export async function updateDocumentAction(input: unknown) {
  return runMutation(updateDocument, input);
}

export async function actOnDocumentAction(input: unknown) {
  return runMutation(actOnDocument, input);
}

export async function saveDocumentFlowAction(input: unknown) {
  return runMutation(saveDocumentFlow, input);
}

export async function saveNumberRuleAction(input: unknown) {
  return runMutation(saveNumberRule, input);
}

/** FormData with `documentId` and one `file` (one file per request: request size limit). */
export async function uploadDocumentAttachmentAction(form: FormData) {
  const file = form.get('file');
  const input =
    file instanceof File
      ? { documentId: form.get('documentId'), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { documentId: form.get('documentId'), fileName: '附件', bytes: null };
  return runMutation(uploadDocumentAttachment, input);
}

export async function deleteDocumentAttachmentAction(input: unknown) {
  return runMutation(deleteDocumentAttachment, input);
}
