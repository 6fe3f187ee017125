import { groupThousandsSigned } from '@/ui/format';
import { areaView } from '../view';

/**
 * Display texts of the areas in the import preview: computed and stated area in 亩 and m² with
 * thousands separators, and their difference in m² and %. Client-safe.
 */
export interface ImportAreaTexts {
  /** "18.52 亩" */
  computedMu: string;
  /** "12,345.67 m²" */
  computedM2: string;
  /** "18.50 亩", or 「未申报」 when the file states no area. */
  statedMu: string;
  /** "12,333.33 m²", or '' when the file states no area. */
  statedM2: string;
  /** "+12.34 m²", or '' when the file states no area. */
  diffM2: string;
  /** "+0.10%", or '' when it cannot be computed. */
  diffPercent: string;
}

export const NOT_STATED = '未申报';

/** Boundary files the pickers take (the server recognises the format by content). */
export const BOUNDARY_FILE_ACCEPT = '.json,.geojson,.kml,.kmz,.zip,.txt';
export const BOUNDARY_FILE_TYPES = 'GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt）';

export function importAreaTexts(f: { areaM2: string; statedAreaM2: string | null; areaDiffM2: string | null; areaDiffPercent: string | null }): ImportAreaTexts {
  const computed = areaView(f.areaM2);
  const stated = f.statedAreaM2 === null ? null : areaView(f.statedAreaM2);
  return {
    computedMu: `${computed.mu} 亩`,
    computedM2: `${computed.m2} m²`,
    statedMu: stated ? `${stated.mu} 亩` : NOT_STATED,
    statedM2: stated ? `${stated.m2} m²` : '',
    diffM2: f.areaDiffM2 === null ? '' : `${groupThousandsSigned(f.areaDiffM2)} m²`,
    diffPercent: f.areaDiffPercent === null ? '' : `${groupThousandsSigned(f.areaDiffPercent)}%`,
  };
}
