'use client';
import { Space, Tag, Tooltip } from 'tdesign-react';
import type { TStage } from '../stages';
import { STAGE_COLORS, WARNING_COLORS, WARNING_LEVEL_LABELS, type WarningView } from '../view';

/** The lifecycle stage as a tag in its stage colour. */
export function StageTag({ stage, size = 'small' }: { stage: TStage; size?: 'small' | 'medium' | 'large' }) {
  return (
    <Tag size={size} color={STAGE_COLORS[stage]} variant="light-outline" data-stage={stage}>
      {stage}
    </Tag>
  );
}

/** One tag per warning level present (red first), the messages in its tooltip; a dash when none. */
export function WarningTags({ warnings }: { warnings: readonly WarningView[] }) {
  if (!warnings.length) return <span className="lr-muted">—</span>;
  const levels = (['red', 'amber'] as const).filter((l) => warnings.some((w) => w.level === l));
  return (
    <Space size={4}>
      {levels.map((level) => {
        const messages = warnings.filter((w) => w.level === level).map((w) => w.message);
        return (
          <Tooltip key={level} content={messages.join('；')} placement="top">
            <Tag size="small" color={WARNING_COLORS[level]} variant="dark" aria-label={`${WARNING_LEVEL_LABELS[level]}：${messages.join('；')}`}>
              {level === 'red' ? '红' : '黄'}
              {messages.length > 1 ? ` ×${messages.length}` : ''}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
