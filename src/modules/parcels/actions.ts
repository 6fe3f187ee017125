'use server';
import { runMutation } from '@/platform/run-action';
import { createParcel, updateParcel } from './mutations';

export async function createParcelAction(input: unknown) {
  return runMutation(createParcel, input);
}

export async function updateParcelAction(input: unknown) {
  return runMutation(updateParcel, input);
}
