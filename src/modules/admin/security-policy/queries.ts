import 'server-only';
import type { Db } from '@/platform/db/client';
import { findPeople, personLabel, type PersonLabel } from '@/platform/auth/people';
import { securityPolicy } from '@/platform/auth/schema';
import { POLICY_GROUPS, SECURITY_POLICY, policyDefault, resolvePolicy, type TPolicyDef, type TPolicyKey } from '@/platform/auth/security-policy';

export interface PolicyRow {
  key: TPolicyKey;
  group: string;
  label: string;
  unit: string;
  defaultValue: number;
  min: number;
  max: number;
  /** Named options (the value is the option's number), null for a number. */
  choices: { value: number; label: string }[] | null;
  /** The value in force (the stored one when valid, else the default). */
  value: number;
  overridden: boolean;
  updatedBy: PersonLabel | null;
  updatedAt: Date | null;
  /** The clause of GB/T 22239-2019 / GB/T 39786-2021 the value serves. */
  source: string;
}

/** Every value of the 安全策略 with its value in force, default, bounds, clause and last change. */
export async function listSecurityPolicy(db: Db): Promise<PolicyRow[]> {
  const rows = await db
    .select({ key: securityPolicy.key, value: securityPolicy.value, updatedAt: securityPolicy.updatedAt, updatedBy: securityPolicy.updatedBy })
    .from(securityPolicy);
  const people = await findPeople(
    db,
    rows.map((r) => r.updatedBy),
  );
  const inForce = resolvePolicy(rows);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (Object.keys(SECURITY_POLICY) as TPolicyKey[]).map((key) => {
    const def = SECURITY_POLICY[key] as TPolicyDef;
    const row = byKey.get(key);
    return {
      key,
      group: POLICY_GROUPS.find((g) => key.startsWith(g.prefix))?.name ?? '其他',
      label: def.label,
      unit: def.unit,
      defaultValue: policyDefault(key),
      min: def.min,
      max: def.max,
      choices: def.choices ? def.choices.map((c) => ({ ...c })) : null,
      value: inForce[key],
      overridden: row !== undefined,
      updatedBy: row ? personLabel(people, row.updatedBy) : null,
      updatedAt: row?.updatedAt ?? null,
      source: def.source,
    };
  });
}
