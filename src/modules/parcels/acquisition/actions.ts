'use server';
import { runMutation } from '@/platform/run-action';
import { createParty, deleteParty, revealPersonalInfo, updateParty } from './mutations';
import { createParcelCost, deleteParcelCost, updateParcelCost } from './cost-mutations';

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

export async function createParcelCostAction(input: unknown) {
  return runMutation(createParcelCost, input);
}

export async function updateParcelCostAction(input: unknown) {
  return runMutation(updateParcelCost, input);
}

export async function deleteParcelCostAction(input: unknown) {
  return runMutation(deleteParcelCost, input);
}
