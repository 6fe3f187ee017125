'use server';
import { runMutation } from '@/platform/run-action';
import { createAccount, setAccountStatus, updateAccount } from './mutations';

export async function createAccountAction(input: unknown) {
  return runMutation(createAccount, input);
}

export async function updateAccountAction(input: unknown) {
  return runMutation(updateAccount, input);
}

export async function setAccountStatusAction(input: unknown) {
  return runMutation(setAccountStatus, input);
}
