'use server';
import { runMutation } from '@/platform/run-action';
import { adjustPlan, createPlan } from './mutations';

export async function createPlanAction(input: unknown) {
  return runMutation(createPlan, input);
}

export async function adjustPlanAction(input: unknown) {
  return runMutation(adjustPlan, input);
}
