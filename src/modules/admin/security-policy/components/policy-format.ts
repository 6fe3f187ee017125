import type { PolicyRow } from '../queries';

/** A policy value as the page receives it (dates serialised by the server page). Client-safe. */
export type PolicyView = Omit<PolicyRow, 'updatedAt'> & { updatedAt: string | null };

/** An option's name without its explanation in brackets, for the narrow columns (tooltips show it whole). */
const shortLabel = (label: string) => label.split('（')[0];

export function policyNumberText(p: PolicyView, n: number): string {
  if (p.choices) return shortLabel(p.choices.find((c) => c.value === n)?.label ?? String(n));
  return String(n);
}

/** A value for a narrow column: the number and unit, or the option's short name. */
export function policyShortText(p: PolicyView, n: number): string {
  return p.choices ? policyNumberText(p, n) : `${n} ${p.unit}`.trim();
}

export function policyValueText(p: PolicyView, n: number): string {
  return p.choices ? policyNumberText(p, n) : `${n} ${p.unit}`.trim();
}

export function policyRangeText(p: PolicyView): string {
  return p.choices ? `${p.choices.length} 种可选` : `${p.min}–${p.max} ${p.unit}`;
}
