'use server';
import { runMutation } from '@/platform/run-action';
import { addInspectionPhoto, createInspection, deleteInspectionPhoto, updateCustody, updateInspection } from './mutations';

export async function updateCustodyAction(input: unknown) {
  return runMutation(updateCustody, input);
}

export async function createInspectionAction(input: unknown) {
  return runMutation(createInspection, input);
}

export async function updateInspectionAction(input: unknown) {
  return runMutation(updateInspection, input);
}

/** FormData with `inspectionId` and one `file`: photos go one per request (request size limit). */
export async function addInspectionPhotoAction(form: FormData) {
  const file = form.get('file');
  const inspectionId = form.get('inspectionId');
  const input =
    file instanceof File
      ? { inspectionId, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : { inspectionId, fileName: '照片', bytes: null };
  return runMutation(addInspectionPhoto, input);
}

export async function deleteInspectionPhotoAction(input: unknown) {
  return runMutation(deleteInspectionPhoto, input);
}
