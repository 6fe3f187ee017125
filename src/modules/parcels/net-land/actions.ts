'use server';
import { runMutation } from '@/platform/run-action';
import {
  createSupplyPlanListing,
  createTitleCancellation,
  createWorkExemption,
  deleteSupplyPlanListing,
  deleteTitleCancellation,
  deleteWorkExemption,
} from './mutations';

export async function createWorkExemptionAction(input: unknown) {
  return runMutation(createWorkExemption, input);
}

export async function deleteWorkExemptionAction(input: unknown) {
  return runMutation(deleteWorkExemption, input);
}

export async function createTitleCancellationAction(input: unknown) {
  return runMutation(createTitleCancellation, input);
}

export async function deleteTitleCancellationAction(input: unknown) {
  return runMutation(deleteTitleCancellation, input);
}

export async function createSupplyPlanListingAction(input: unknown) {
  return runMutation(createSupplyPlanListing, input);
}

export async function deleteSupplyPlanListingAction(input: unknown) {
  return runMutation(deleteSupplyPlanListing, input);
}
