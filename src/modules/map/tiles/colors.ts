/**
 * Colours of the battle map (挂图作战), shared by the tile endpoint's documentation, the map
 * style and the legend. Client-safe constants: no imports with side effects.
 */
import type { TStage } from '@/modules/parcels/stages';

/** Fill colour of a parcel by lifecycle stage. */
export const STAGE_COLORS: Readonly<Record<TStage, string>> = {
  拟收储: '#8b95a5',
  收储中: '#2f7bf5',
  已入库: '#7b5cd6',
  前期开发: '#f08c2e',
  可供应: '#1aa874',
  已供应: '#0f5f3f',
  终止: '#c0c4cc',
};

/** Outline colour of a parcel with a warning: red (overdue / over limit), amber (due soon). */
export const WARNING_COLORS = {
  red: '#e34d59',
  amber: '#f5a623',
} as const;

export type TWarningColorLevel = keyof typeof WARNING_COLORS;

/** Colour for a stage not in the list (should not happen; keeps a style expression total). */
export const UNKNOWN_STAGE_COLOR = '#8b95a5';
