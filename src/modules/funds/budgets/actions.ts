'use server';
import { runMutation } from '@/platform/run-action';
import { saveBudget } from './mutations';

export async function saveBudgetAction(input: unknown) {
  return runMutation(saveBudget, input);
}
