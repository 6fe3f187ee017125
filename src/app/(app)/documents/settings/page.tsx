import type { Metadata } from 'next';
import { eq } from 'drizzle-orm';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { roles } from '@/platform/auth/schema';
import { KitCard } from '@/ui/kit/card';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { DOCUMENT_TYPES } from '@/modules/documents/constants';
import { documentFlowFor } from '@/modules/documents/flows';
import { DEFAULT_NUMBER_TEMPLATE } from '@/modules/documents/numbering';
import { departmentOptions, numberRules } from '@/modules/documents/queries';
import { DocumentSettings, type SettingsType } from '@/modules/documents/components/document-settings';

export const metadata: Metadata = { title: '公文流程与文号设置' };

export default async function DocumentSettingsPage() {
  await requirePagePermission('document:admin');
  const db = await getDb();
  const [flows, rules, departments, roleRows] = await Promise.all([
    Promise.all(DOCUMENT_TYPES.map((t) => documentFlowFor(db, t))),
    numberRules(db),
    departmentOptions(db),
    db.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.kind, 'business')).orderBy(roles.name),
  ]);
  const types: SettingsType[] = DOCUMENT_TYPES.map((t, i) => ({
    docType: t,
    steps: flows[i].steps.map((s) => ({ key: s.key, name: s.name, roleId: s.roleId, mode: s.mode, departmentIds: s.departmentIds ?? [], optional: !!s.optional })),
    isDefault: flows[i].isDefault,
    updatedText: flows[i].updatedAt ? `${flows[i].updatedByName ?? ''} ${formatDateTime(flows[i].updatedAt)} 修改` : null,
    template: rules.get(t) ?? DEFAULT_NUMBER_TEMPLATE,
    templateIsDefault: !rules.has(t),
  }));
  return (
    <KitCard title="公文流程与文号设置" testId="document-settings">
      <DocumentSettings types={types} roles={roleRows.map((r) => ({ value: r.id, label: r.name }))} departments={departments} year={Number(todayInShanghai().slice(0, 4))} />
    </KitCard>
  );
}
