import type { Metadata } from 'next';
import { requireTotpEnrolmentPage } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSecurityPolicy } from '@/platform/auth/security-policy';
import { algorithmFromPolicy } from '@/platform/auth/totp';
import { getTotpState } from '@/platform/auth/totp-store';
import { TotpPanel } from '@/modules/profile/components/totp-panel';

export const metadata: Metadata = { title: '双因素认证' };

/** 双因素认证: bind a phone token (TOTP); the QR code is drawn on the server from the pending secret. */
export default async function TotpPage() {
  const user = await requireTotpEnrolmentPage();
  const db = await getDb();
  const [state, policy] = await Promise.all([getTotpState(db, user.id), getSecurityPolicy(db)]);
  return <TotpPanel user={user} state={state} policyAlgorithm={algorithmFromPolicy(policy['totp.algorithm'])} />;
}
