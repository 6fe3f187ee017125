'use server';
import { runMutation } from '@/platform/run-action';
import { transitionParcel } from './mutations';

export async function transitionParcelAction(input: unknown) {
  return runMutation(transitionParcel, input);
}
