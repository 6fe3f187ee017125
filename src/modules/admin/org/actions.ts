'use server';
import { runMutation } from '@/platform/run-action';
import { createDepartment, deleteDepartment, moveDepartment, updateDepartment } from './mutations';

export async function createDepartmentAction(input: unknown) {
  return runMutation(createDepartment, input);
}

export async function updateDepartmentAction(input: unknown) {
  return runMutation(updateDepartment, input);
}

export async function moveDepartmentAction(input: unknown) {
  return runMutation(moveDepartment, input);
}

export async function deleteDepartmentAction(input: unknown) {
  return runMutation(deleteDepartment, input);
}
