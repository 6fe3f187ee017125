'use server';
import { runMutation } from '@/platform/run-action';
import { changeOwnPassword } from './mutations';
import { beginTotpEnrolment, confirmTotpEnrolment } from './totp-mutations';

export async function changeOwnPasswordAction(input: unknown) {
  return runMutation(changeOwnPassword, input);
}

export async function beginTotpEnrolmentAction(input: unknown) {
  return runMutation(beginTotpEnrolment, input);
}

export async function confirmTotpEnrolmentAction(input: unknown) {
  return runMutation(confirmTotpEnrolment, input);
}
