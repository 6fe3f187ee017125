'use server';
import { runMutation } from '@/platform/run-action';
import { allocateToProject, createBond, deletePayment, recordPayment, removeAllocation, updateAllocation, updateBond } from './mutations';

export async function createBondAction(input: unknown) {
  return runMutation(createBond, input);
}

export async function updateBondAction(input: unknown) {
  return runMutation(updateBond, input);
}

export async function allocateToProjectAction(input: unknown) {
  return runMutation(allocateToProject, input);
}

export async function updateAllocationAction(input: unknown) {
  return runMutation(updateAllocation, input);
}

export async function removeAllocationAction(input: unknown) {
  return runMutation(removeAllocation, input);
}

export async function recordPaymentAction(input: unknown) {
  return runMutation(recordPayment, input);
}

export async function deletePaymentAction(input: unknown) {
  return runMutation(deletePayment, input);
}
