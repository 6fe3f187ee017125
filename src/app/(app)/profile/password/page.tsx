import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { KitCard } from '@/ui/kit/card';
import { ChangePasswordForm } from '@/modules/profile/components/change-password-client';

export const metadata: Metadata = { title: '修改密码' };

/** A shell-only page: a server-rendered card around the form island. */
export default async function ChangePasswordPage() {
  const user = await requirePagePermission('profile:password');
  return (
    <div style={{ maxWidth: 520 }}>
      <KitCard title="修改密码">
        {user.mustChangePassword && (
          <div className="t-alert t-alert--warning" role="alert" style={{ marginBottom: 16 }}>
            <div className="t-alert__content">
              <div className="t-alert__message">您的密码由管理员设置或重置，请先修改密码再继续使用系统。</div>
            </div>
          </div>
        )}
        <ChangePasswordForm mustChange={user.mustChangePassword} />
      </KitCard>
    </div>
  );
}
