'use server';
import { runMutation } from '@/platform/run-action';
import { updateSetting } from './mutations';

export async function updateSettingAction(input: unknown) {
  return runMutation(updateSetting, input);
}
