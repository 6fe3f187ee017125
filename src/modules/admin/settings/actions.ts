'use server';
import { runMutation } from '@/platform/run-action';
import { confirmSetting, updateSetting } from './mutations';

export async function updateSettingAction(input: unknown) {
  return runMutation(updateSetting, input);
}

export async function confirmSettingAction(input: unknown) {
  return runMutation(confirmSetting, input);
}
