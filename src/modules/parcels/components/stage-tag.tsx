import type { TStage } from '../stages';
import { STAGE_COLORS, WARNING_COLORS, WARNING_LEVEL_LABELS, type WarningView } from '../view';

/*
 * Stage and warning tags in TDesign's Tag look, as plain markup: no client JS, so a list of 20
 * rows renders them on the server (and client components may use them too).
 */

const SIZE = { small: 't-size-s', medium: 't-size-m', large: 't-size-l' } as const;

/** The lifecycle stage as a tag in its stage colour (the colours come from StageTagStyles, once per page). */
export function StageTag({ stage, size = 'small' }: { stage: TStage; size?: 'small' | 'medium' | 'large' }) {
  return (
    <span className={`t-tag t-tag--light-outline ${SIZE[size]} lr-stage`} data-stage={stage}>
      {stage}
    </span>
  );
}

/** The stage and warning colours as CSS rules: rendered once in the root layout, not per tag. */
export function StageTagStyles() {
  const rules = [
    ...Object.entries(STAGE_COLORS).map(([stage, c]) => `.lr-stage[data-stage="${stage}"]{color:${c};border-color:${c};background-color:color-mix(in srgb,${c} 10%,white)}`),
    ...Object.entries(WARNING_COLORS).map(([level, c]) => `.lr-warn[data-level="${level}"]{color:#fff;border-color:${c};background-color:${c}}`),
  ];
  return <style>{rules.join('')}</style>;
}

/** One tag per warning level present (red first), the messages in its tooltip; a dash when none. */
export function WarningTags({ warnings }: { warnings: readonly WarningView[] }) {
  if (!warnings.length) return <span className="lr-muted">—</span>;
  const levels = (['red', 'amber'] as const).filter((l) => warnings.some((w) => w.level === l));
  return (
    <span className="lr-tags">
      {levels.map((level) => {
        const messages = warnings.filter((w) => w.level === level).map((w) => w.message);
        const text = `${WARNING_LEVEL_LABELS[level]}：${messages.join('；')}`;
        return (
          <span key={level} className="t-tag t-tag--dark t-size-s lr-warn" data-level={level} title={text} aria-label={text}>
            {level === 'red' ? '红' : '黄'}
            {messages.length > 1 ? ` ×${messages.length}` : ''}
          </span>
        );
      })}
    </span>
  );
}
