import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { STATE_LABELS, type TIncomingState } from '../rules';

const STATE_THEMES: Record<TIncomingState, TagTheme> = {
  registered: 'primary',
  proposed: 'primary',
  instructed: 'primary',
  handling: 'warning',
  completed: 'success',
  archived: 'default',
};

export function IncomingStateTag({ state }: { state: TIncomingState }) {
  return <KitTag theme={STATE_THEMES[state]}>{STATE_LABELS[state]}</KitTag>;
}

export function UrgencyTag({ urgency }: { urgency: string }) {
  if (urgency === '平件') return <span className="lr-muted">平件</span>;
  return (
    <KitTag theme={urgency === '特急' ? 'danger' : 'warning'} variant="outline">
      {urgency}
    </KitTag>
  );
}

/** 「逾期 3 天」 in red, 「剩 2 天」 muted (amber within the reminder window). */
export function DueMark({ text, overdue, soon }: { text: string | null; overdue: boolean; soon?: boolean }) {
  if (!text) return null;
  if (overdue) {
    return (
      <KitTag theme="danger" variant="dark" gap>
        {text}
      </KitTag>
    );
  }
  return soon ? (
    <KitTag theme="warning" gap>
      {text}
    </KitTag>
  ) : (
    <span className="lr-muted lr-gap">{text}</span>
  );
}
