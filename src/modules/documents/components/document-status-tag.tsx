import { KitTag, type TagTheme } from '@/ui/kit/tag';

const THEMES: Record<string, TagTheme> = { 草稿: 'default', 审批中: 'primary', 已退回: 'danger', 已签发: 'success', 已归档: 'default' };

export function DocumentStatusTag({ status, step }: { status: string; step?: string | null }) {
  return (
    <KitTag theme={THEMES[status] ?? 'default'} variant={status === '已归档' ? 'outline' : 'light'} title={step ? `${status}（待${step}）` : status}>
      {status}
    </KitTag>
  );
}
