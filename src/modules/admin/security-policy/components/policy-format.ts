import type { PolicyRow } from '../queries';

/** A policy value as the page receives it (dates serialised by the server page). Client-safe. */
export type PolicyView = Omit<PolicyRow, 'updatedAt'> & { updatedAt: string | null };

export function policyNumberText(p: PolicyView, n: number): string {
  if (p.choices) return p.choices.find((c) => c.value === n)?.label ?? String(n);
  return String(n);
}

export function policyValueText(p: PolicyView, n: number): string {
  return p.choices ? policyNumberText(p, n) : `${n} ${p.unit}`.trim();
}

export function policyRangeText(p: PolicyView): string {
  return p.choices ? p.choices.map((c) => c.label).join(' / ') : `${p.min}–${p.max} ${p.unit}`;
}
