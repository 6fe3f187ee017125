/**
 * Colours of the battle map (挂图作战), shared by the tile endpoint's documentation, the map
 * style and the legend. Client-safe constants: no imports with side effects.
 */

/** The parcels module's palette: the map draws stages and warnings as the parcel pages show them. */
import { WARNING_COLORS } from '@/modules/parcels/colors';

export { STAGE_COLORS, WARNING_COLORS } from '@/modules/parcels/colors';

export type TWarningColorLevel = keyof typeof WARNING_COLORS;

/** Colour for a stage not in the list (should not happen; keeps a style expression total). */
export const UNKNOWN_STAGE_COLOR = '#8b95a5';
