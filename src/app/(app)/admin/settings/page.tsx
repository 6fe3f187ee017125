import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { formatDateTime } from '@/ui/format';
import { listSettings } from '@/modules/admin/settings/queries';
import { SettingsList } from '@/modules/admin/settings/components/settings-list';

export const metadata: Metadata = { title: '系统参数' };

export default async function SettingsPage() {
  await requirePagePermission('setting:manage');
  const settings = await listSettings(await getDb());
  return (
    <SettingsList
      settings={settings.map((s) => ({
        ...s,
        updatedAt: s.updatedAt ? formatDateTime(s.updatedAt) : null,
        confirmation: s.confirmation ? { ...s.confirmation, at: formatDateTime(s.confirmation.at) } : null,
      }))}
    />
  );
}
