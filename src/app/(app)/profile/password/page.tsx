import type { Metadata } from 'next';
import { requirePagePermission } from '@/platform/auth/current-user';
import { KitAlert } from '@/ui/kit/alert';
import { KitCard } from '@/ui/kit/card';
import { ChangePasswordForm } from '@/modules/profile/components/change-password-client';
import { getDb } from '@/platform/db';
import { passwordRuleText } from '@/platform/auth/password-policy';
import { passwordRulesOf } from '@/platform/auth/policy-in-force';
import { getSecurityPolicy } from '@/platform/auth/security-policy';
import { MUST_CHANGE_PASSWORD_MESSAGE } from '@/platform/auth/must-change';

export const metadata: Metadata = { title: '修改密码' };

/** A shell-only page: a server-rendered card around the form island. */
export default async function ChangePasswordPage() {
  const user = await requirePagePermission('profile:password');
  const db = await getDb();
  const policy = await getSecurityPolicy(db);
  const history = policy['password.historyCount'];
  const expired = user.passwordHoldReason && user.passwordHoldReason !== MUST_CHANGE_PASSWORD_MESSAGE ? user.passwordHoldReason : null;
  const rule = `${passwordRuleText(passwordRulesOf(policy))}${history > 0 ? `；不得与最近 ${history} 次用过的密码相同` : ''}`;
  return (
    <div style={{ maxWidth: 520 }}>
      <KitCard title="修改密码">
        {user.mustChangePassword && (
          <KitAlert theme="warning" className="lr-gap-below">
            {expired ?? '您的密码由管理员设置或重置，请先修改密码再继续使用系统。'}
          </KitAlert>
        )}
        <ChangePasswordForm mustChange={user.mustChangePassword} passwordRule={rule} />
      </KitCard>
    </div>
  );
}
