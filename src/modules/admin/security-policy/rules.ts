import { SECURITY_POLICY, type TPolicyDef, type TPolicyKey } from '@/platform/auth/security-policy';

/** Why a typed policy value cannot be stored (a Chinese message), or null. No I/O. */
export function policyValueProblem(key: TPolicyKey, raw: string): string | null {
  const def = SECURITY_POLICY[key] as TPolicyDef;
  const text = raw.trim();
  if (def.choices) {
    return def.choices.some((c) => String(c.value) === text) ? null : `「${def.label}」请从给出的选项中选择`;
  }
  if (text === '') return `请填写「${def.label}」`;
  if (!/^-?\d+$/.test(text)) return `「${def.label}」须为整数（单位：${def.unit}）`;
  const n = Number(text);
  if (n < def.min || n > def.max) return `「${def.label}」须在 ${def.min}–${def.max} ${def.unit}之间`;
  return null;
}

/** A value as people read it: the option's name, or the number and unit. */
export function policyValueText(key: TPolicyKey, n: number): string {
  const def = SECURITY_POLICY[key] as TPolicyDef;
  if (def.choices) return def.choices.find((c) => c.value === n)?.label ?? String(n);
  return `${n} ${def.unit}`.trim();
}
