'use server';
import { runMutation } from '@/platform/run-action';
import { createParty, deleteParty, revealPersonalInfo, updateParty } from './mutations';

export async function createPartyAction(input: unknown) {
  return runMutation(createParty, input);
}

export async function updatePartyAction(input: unknown) {
  return runMutation(updateParty, input);
}

export async function deletePartyAction(input: unknown) {
  return runMutation(deleteParty, input);
}

export async function revealPersonalInfoAction(input: unknown) {
  return runMutation(revealPersonalInfo, input);
}
