'use client';
import { Tag, type TagProps } from 'tdesign-react';
import type { TStage } from '@/modules/parcels/stages';

const THEMES: Record<TStage, TagProps['theme']> = {
  拟收储: 'default',
  收储中: 'warning',
  已入库: 'primary',
  前期开发: 'primary',
  可供应: 'success',
  已供应: 'success',
  终止: 'danger',
};

/** A parcel's lifecycle stage as a coloured tag. */
export function StageTag({ stage }: { stage: string }) {
  const theme = (THEMES as Record<string, TagProps['theme']>)[stage] ?? 'default';
  return (
    <Tag size="small" theme={theme} variant="light">
      {stage}
    </Tag>
  );
}
