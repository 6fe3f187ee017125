'use server';
import { runMutation } from '@/platform/run-action';
import {
  approveEntry,
  createEntry,
  deleteEntry,
  deleteEntryAttachment,
  leaderApproveEntry,
  returnEntry,
  reverseEntry,
  reviewEntry,
  submitEntry,
  updateEntry,
  uploadEntryAttachment,
} from './mutations';

export async function createEntryAction(input: unknown) {
  return runMutation(createEntry, input);
}

export async function updateEntryAction(input: unknown) {
  return runMutation(updateEntry, input);
}

export async function deleteEntryAction(input: unknown) {
  return runMutation(deleteEntry, input);
}

export async function submitEntryAction(input: unknown) {
  return runMutation(submitEntry, input);
}

export async function reviewEntryAction(input: unknown) {
  return runMutation(reviewEntry, input);
}

export async function approveEntryAction(input: unknown) {
  return runMutation(approveEntry, input);
}

export async function leaderApproveEntryAction(input: unknown) {
  return runMutation(leaderApproveEntry, input);
}

export async function returnEntryAction(input: unknown) {
  return runMutation(returnEntry, input);
}

export async function reverseEntryAction(input: unknown) {
  return runMutation(reverseEntry, input);
}

/** FormData with `entryId` and one `file` (one file per request: request size limit). */
export async function uploadEntryAttachmentAction(form: FormData) {
  const file = form.get('file');
  const input =
    file instanceof File
      ? { entryId: form.get('entryId'), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { entryId: form.get('entryId'), fileName: '附件', bytes: null };
  return runMutation(uploadEntryAttachment, input);
}

export async function deleteEntryAttachmentAction(input: unknown) {
  return runMutation(deleteEntryAttachment, input);
}
