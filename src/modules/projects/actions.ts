'use server';
import { runMutation } from '@/platform/run-action';
import { createProject, setProjectStatus, updateProject } from './mutations';

export async function createProjectAction(input: unknown) {
  return runMutation(createProject, input);
}

export async function updateProjectAction(input: unknown) {
  return runMutation(updateProject, input);
}

export async function setProjectStatusAction(input: unknown) {
  return runMutation(setProjectStatus, input);
}
