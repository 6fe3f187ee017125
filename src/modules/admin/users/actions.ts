'use server';
import { runMutation } from '@/platform/run-action';
import { createUser, disableUser, enableUser, grantUserRoles, resetUserPassword, unlockUser, updateUser } from './mutations';
import { resetUserTotp } from './totp-mutations';

export async function createUserAction(input: unknown) {
  return runMutation(createUser, input);
}

export async function updateUserAction(input: unknown) {
  return runMutation(updateUser, input);
}

export async function grantUserRolesAction(input: unknown) {
  return runMutation(grantUserRoles, input);
}

export async function disableUserAction(input: unknown) {
  return runMutation(disableUser, input);
}

export async function enableUserAction(input: unknown) {
  return runMutation(enableUser, input);
}

export async function resetUserPasswordAction(input: unknown) {
  return runMutation(resetUserPassword, input);
}

export async function unlockUserAction(input: unknown) {
  return runMutation(unlockUser, input);
}

export async function resetUserTotpAction(input: unknown) {
  return runMutation(resetUserTotp, input);
}
