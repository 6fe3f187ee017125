'use server';
import { runMutation } from '@/platform/run-action';
import {
  addMilestone,
  createContract,
  decideChange,
  deleteContractAttachment,
  deleteMilestone,
  requestChange,
  setContractStatus,
  updateContract,
  uploadContractAttachment,
} from './mutations';

export async function createContractAction(input: unknown) {
  return runMutation(createContract, input);
}

export async function updateContractAction(input: unknown) {
  return runMutation(updateContract, input);
}

export async function setContractStatusAction(input: unknown) {
  return runMutation(setContractStatus, input);
}

export async function addMilestoneAction(input: unknown) {
  return runMutation(addMilestone, input);
}

export async function deleteMilestoneAction(input: unknown) {
  return runMutation(deleteMilestone, input);
}

export async function requestChangeAction(input: unknown) {
  return runMutation(requestChange, input);
}

export async function decideChangeAction(input: unknown) {
  return runMutation(decideChange, input);
}

/** FormData with `contractId` and one `file` (one file per request: request size limit). */
export async function uploadContractAttachmentAction(form: FormData) {
  const file = form.get('file');
  const input =
    file instanceof File
      ? { contractId: form.get('contractId'), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { contractId: form.get('contractId'), fileName: '附件', bytes: null };
  return runMutation(uploadContractAttachment, input);
}

export async function deleteContractAttachmentAction(input: unknown) {
  return runMutation(deleteContractAttachment, input);
}
