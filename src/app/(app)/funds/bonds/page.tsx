import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { hasPermission } from '@/platform/permissions/check';
import { getDb } from '@/platform/db';
import { listBonds } from '@/modules/funds/bonds/queries';
import { bondCheckSettings } from '@/modules/funds/bonds/project-checks';
import { BondsList } from '@/modules/funds/components/bonds-list';

export const metadata: Metadata = { title: '专项债券' };

export default async function BondsPage() {
  const user = await requirePagePermission('fund:view');
  const db = await getDb();
  const [rows, settings] = await Promise.all([listBonds(db), bondCheckSettings(db)]);
  return <BondsList rows={rows} canEdit={hasPermission(user, 'fund:bond')} annualCouponMaxYears={settings.annualCouponMaxYears} />;
}
