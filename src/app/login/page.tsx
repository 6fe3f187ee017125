import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/platform/auth/current-user';
import { SESSION_END_MESSAGES, type SessionEndReason } from '@/platform/auth/session';
import { LoginForm } from '@/ui/login-form';

export const metadata: Metadata = { title: '登录' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentUser()) redirect('/workbench');
  const { reason } = await searchParams;
  const notice = typeof reason === 'string' && reason in SESSION_END_MESSAGES ? SESSION_END_MESSAGES[reason as SessionEndReason] : null;
  return <LoginForm notice={notice} />;
}
