'use server';
import { runMutation } from '@/platform/run-action';
import { todayInShanghai } from '@/ui/format';
import { approveLoan, leaderApproveLoan, refuseLoan, requestLoan, returnLoan } from './loans';

/** The date rules run on the server's clock (Asia/Shanghai), never on a date the client sends. */
function withToday(input: unknown): unknown {
  return input && typeof input === 'object' && !Array.isArray(input) ? { ...input, today: todayInShanghai() } : input;
}

export async function requestLoanAction(input: unknown) {
  return runMutation(requestLoan, withToday(input));
}

export async function approveLoanAction(input: unknown) {
  return runMutation(approveLoan, withToday(input));
}

export async function leaderApproveLoanAction(input: unknown) {
  return runMutation(leaderApproveLoan, withToday(input));
}

export async function refuseLoanAction(input: unknown) {
  return runMutation(refuseLoan, input);
}

export async function returnLoanAction(input: unknown) {
  return runMutation(returnLoan, withToday(input));
}
