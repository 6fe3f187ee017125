'use server';
import { runMutation } from '@/platform/run-action';
import { updateHandoverDate } from './mutations';

export async function updateHandoverDateAction(input: unknown) {
  return runMutation(updateHandoverDate, input);
}
