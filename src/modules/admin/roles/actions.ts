'use server';
import { runMutation } from '@/platform/run-action';
import { createRole, deleteRole, saveRolePermissions, setRoleTotp, updateRole } from './mutations';

export async function saveRolePermissionsAction(input: unknown) {
  return runMutation(saveRolePermissions, input);
}

export async function createRoleAction(input: unknown) {
  return runMutation(createRole, input);
}

export async function updateRoleAction(input: unknown) {
  return runMutation(updateRole, input);
}

export async function deleteRoleAction(input: unknown) {
  return runMutation(deleteRole, input);
}

export async function setRoleTotpAction(input: unknown) {
  return runMutation(setRoleTotp, input);
}
