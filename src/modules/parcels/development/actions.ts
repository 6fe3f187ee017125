'use server';
import { runMutation } from '@/platform/run-action';
import { createWorkPackage, deleteWorkPackage, updateWorkPackage } from './mutations';

export async function createWorkPackageAction(input: unknown) {
  return runMutation(createWorkPackage, input);
}

export async function updateWorkPackageAction(input: unknown) {
  return runMutation(updateWorkPackage, input);
}

export async function deleteWorkPackageAction(input: unknown) {
  return runMutation(deleteWorkPackage, input);
}
