'use server';
import { runMutation } from '@/platform/run-action';
import { addArchiveItem, addArchiveItemFile, runArchiveCheck, saveArchiveSettings } from './mutations';

/** FormData: the item's fields and one `file` (one file per request: the request size limit). */
export async function addArchiveItemAction(form: FormData) {
  const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'file' && typeof v === 'string'));
  return runMutation(addArchiveItem, { ...fields, file: await fileOf(form) });
}

export async function addArchiveItemFileAction(form: FormData) {
  return runMutation(addArchiveItemFile, { itemId: form.get('itemId'), file: await fileOf(form) });
}

export async function runArchiveCheckAction() {
  return runMutation(runArchiveCheck, {});
}

export async function saveArchiveSettingsAction(input: unknown) {
  return runMutation(saveArchiveSettings, input);
}

async function fileOf(form: FormData): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  const file = form.get('file');
  return file instanceof File ? { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}
