/**
 * The one palette of lifecycle stages and warnings, used by the parcel pages (tags, timeline,
 * boundary map) and the battle map (fills, legend, card, export). Hues chosen to stay apart on
 * the map: no two stages share a hue family, and the warning outlines (red, amber) differ from
 * every fill. Client-safe constants.
 */
import type { TStage } from './stages';

/** Colour of a parcel by lifecycle stage. */
export const STAGE_COLORS: Readonly<Record<TStage, string>> = {
  拟收储: '#8b95a5',
  收储中: '#2f7bf5',
  已入库: '#7b5cd6',
  前期开发: '#f08c2e',
  可供应: '#1aa874',
  已供应: '#0f5f3f',
  终止: '#5e5e5e',
};

/** Warning colours: red (overdue / over limit), amber (due soon). */
export const WARNING_COLORS = {
  red: '#e34d59',
  amber: '#f5a623',
} as const;
