import type { SettingRow } from '../queries';

/** A setting as the page receives it (dates serialised by the server page). */
export type SettingView = Omit<SettingRow, 'updatedAt' | 'confirmation'> & {
  updatedAt: string | null;
  confirmation: { note: string; by: string | null; at: string } | null;
};

const fmt = (n: number, decimals: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** A bound as it is declared: 0.01 stays 0.01, 3650 shows as 3,650. */
export const settingBoundText = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The number of a value as the page shows it (choices by their name). */
export function settingNumberText(s: SettingView, n: number): string {
  if (s.choices) return s.choices.find((c) => c.value === n)?.label ?? String(n);
  return fmt(n, s.decimals);
}

/** A value as the page shows it: the option's name for a choice setting, else the number and unit. */
export function settingValueText(s: SettingView, n: number): string {
  if (s.choices) return settingNumberText(s, n);
  return `${fmt(n, s.decimals)} ${s.unit}`.trim();
}

export function settingRangeText(s: SettingView): string {
  return s.choices ? s.choices.map((c) => c.label).join(' / ') : `${settingBoundText(s.min)}–${settingBoundText(s.max)} ${s.unit}`;
}
