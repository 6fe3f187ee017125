/**
 * Problem text for lists shown outside a feature's own row. Types only, no dependencies, so a
 * 'use client' island can import it without pulling the parsers into the browser bundle.
 */
import type { ImportedFeature, ImportProblem } from './types';

/** 「第 3 个地块（DK-01 某某地块）：…」; file-level problems unchanged. */
export function describeProblem(problem: ImportProblem, features: readonly ImportedFeature[]): string {
  if (problem.index === null) return problem.message;
  const feature = features.find((f) => f.index === problem.index);
  const label = [feature?.code, feature?.name].filter(Boolean).join(' ');
  return `第 ${problem.index + 1} 个地块${label ? `（${label}）` : ''}：${problem.message}`;
}
