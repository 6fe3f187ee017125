import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { ChangePasswordClient } from '@/modules/profile/components/change-password-client';

export const metadata: Metadata = { title: '修改密码' };

export default async function ChangePasswordPage() {
  const user = await requirePagePermission('profile:password');
  return <ChangePasswordClient mustChange={user.mustChangePassword} />;
}
