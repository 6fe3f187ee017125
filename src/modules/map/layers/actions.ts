'use server';
import { runMutation } from '@/platform/run-action';
import { chooseBasemap, createLayer, deleteLayer, setOverlayEnabled, updateLayer } from './mutations';

export async function createLayerAction(input: unknown) {
  return runMutation(createLayer, input);
}
export async function updateLayerAction(input: unknown) {
  return runMutation(updateLayer, input);
}
export async function deleteLayerAction(input: unknown) {
  return runMutation(deleteLayer, input);
}
export async function chooseBasemapAction(input: unknown) {
  return runMutation(chooseBasemap, input);
}
export async function setOverlayEnabledAction(input: unknown) {
  return runMutation(setOverlayEnabled, input);
}
