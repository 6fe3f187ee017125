/**
 * Public types of the boundary import library and the internal hand-over shape between the
 * format readers and the shared checking pipeline (`pipeline.ts`).
 */
import type { MultiPolygon, Polygon } from '../geometry';

export type ImportFormat = 'geojson' | 'shapefile-zip' | 'kml' | 'ministry-text';

export type ImportEncoding = 'auto' | 'utf8' | 'gbk';

export interface ParseOptions {
  /** Files larger than this are refused unread; zip contents may expand to at most 10×. */
  maxBytes: number;
  /** More features than this are refused before any is checked (system parameter 'import.maxFeatures'). */
  maxFeatures?: number;
  /** Text and .dbf attribute encoding; 'auto' (default): valid UTF-8 → UTF-8, otherwise GBK. */
  encoding?: ImportEncoding;
  /**
   * CGCS2000 3° Gauss-Krüger zone (25–45) for projected coordinates that carry no zone prefix
   * and whose file names no zone (a GeoJSON in metres, a shapefile without .prj, a 部颁 text
   * without 带号). The UI asks the user for it when a result says the zone is unknown.
   */
  zone?: number;
}

export interface ImportedFeature {
  /** 0-based position of the feature in the file (features that could not be read leave gaps). */
  index: number;
  code: string | null;
  name: string | null;
  use: string | null;
  properties: Record<string, string | number | null>;
  /** lon/lat CGCS2000, outer rings counter-clockwise, holes clockwise (RFC 7946). */
  geometry: Polygon | MultiPolygon;
  /** Ellipsoidal area in m², 2 decimals (geodesicArea). */
  areaM2: string;
  /** Area stated in the file (部颁 header 面积(公顷) × 10000), 2 decimals; null when not stated. */
  declaredAreaM2: string | null;
}

export interface ImportProblem {
  /** Feature index (as in ImportedFeature.index) or null for the whole file. */
  index: number | null;
  /** Chinese, without the 「第 N 个地块」 prefix (see describeProblem). */
  message: string;
}

export interface ImportResult {
  /** null only when the file could not be recognised at all (then problems says so). */
  format: ImportFormat | null;
  features: ImportedFeature[];
  /** Any problem means the whole batch must be refused: write nothing. */
  problems: ImportProblem[];
  /** e.g. 'CGCS2000 3° GK 带号38', 'EPSG:4490'; '' when not determined. */
  sourceCrs: string;
}

/** A file-level failure carrying the Chinese message shown to the user. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** x = easting or longitude, y = northing or latitude. */
export type XY = readonly [number, number];

export interface SourceRing {
  /** Human name used in messages, e.g. 「第 1 圈」, 「外环」, 「第 2 个内环」. */
  label: string;
  /** As in the file: not closed-checked, in the source CRS, prefix already removed. */
  points: XY[];
  /** Point names used in messages (部颁 点号); vertex numbers otherwise. */
  pointLabels?: string[];
}

export interface SourcePart {
  /** Outer ring first, then holes. */
  rings: SourceRing[];
}

/** One feature as a reader found it, before reprojection and checks. */
export interface SourceFeature {
  index: number;
  code: string | null;
  name: string | null;
  use: string | null;
  properties: Record<string, string | number | null>;
  declaredAreaM2: string | null;
  parts: SourcePart[];
}

/** How a reader's coordinates are to be turned into CGCS2000 lon/lat. */
export type SourceCrs =
  | { kind: 'geographic'; label: string }
  | { kind: 'gk'; zone: number; label: string };

/** What a format reader hands to the shared pipeline. */
export interface ReaderOutput {
  crs: SourceCrs;
  features: SourceFeature[];
  /** Problems found while reading (per feature or for the file). */
  problems: ImportProblem[];
}

export function tooManyFeaturesMessage(found: number, max: number): string {
  return `一次最多导入 ${max} 个地块，文件中有 ${found} 个，请分批导入`;
}
