'use server';
import { getDb } from '@/platform/db';
import { runMutation } from '@/platform/run-action';
import { forgetCachedSecurityPolicy } from '@/platform/auth/policy-in-force';
import { updateSecurityPolicy } from './mutations';

export async function updateSecurityPolicyAction(input: unknown) {
  const res = await runMutation(updateSecurityPolicy, input);
  // This instance's open sessions see the change at once; others within a few seconds.
  if (res.ok) forgetCachedSecurityPolicy(await getDb());
  return res;
}
