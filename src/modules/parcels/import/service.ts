import 'server-only';
import Decimal from 'decimal.js';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { parseBoundaryFile, type ImportEncoding, type ImportResult } from '@/platform/geo/import';
import { describeProblem } from '@/platform/geo/import/describe';
import { findDistrictAt } from '@/platform/geo/districts';
import { squareMetresToMu, type PolygonalGeometry } from '@/platform/geo/geometry';
import { parcels } from '../schema';
import { centreOf, codeTakenMessage, OUTSIDE_CITY } from '../mutations';

export interface ImportPreviewFeature {
  index: number;
  code: string;
  /** False when the code was generated because the file has none. */
  codeFromFile: boolean;
  name: string;
  plannedUse: string | null;
  areaM2: string;
  areaMu: string;
  districtName: string | null;
  geometry: PolygonalGeometry;
  problems: string[];
}

export interface ImportPreview {
  format: string | null;
  sourceCrs: string;
  features: ImportPreviewFeature[];
  fileProblems: string[];
  /** True when nothing blocks the import. */
  ok: boolean;
}

export interface PreviewOptions {
  zone?: number;
  encoding?: ImportEncoding;
  /** Codes for features without one: `<prefix>-01`, `<prefix>-02` … */
  codePrefix: string;
}

/**
 * Parses a boundary file and checks every feature against the database (district, duplicate
 * codes). Writes nothing: the same check runs again inside the import transaction.
 */
export async function previewBoundaryImport(db: Db, fileName: string, bytes: Uint8Array, opts: PreviewOptions): Promise<ImportPreview> {
  const settings = await getSettings(db);
  const result: ImportResult = await parseBoundaryFile(fileName, bytes, {
    maxBytes: settings['import.maxFileMb'] * 1024 * 1024,
    encoding: opts.encoding ?? 'auto',
    zone: opts.zone,
  });
  const fileProblems = result.problems.filter((p) => p.index === null).map((p) => describeProblem(p, result.features));
  const codes = result.features.map((f, i) => (f.code?.trim() ? f.code.trim() : `${opts.codePrefix}-${String(i + 1).padStart(2, '0')}`));
  const taken = new Set(
    codes.length ? (await db.select({ code: parcels.code }).from(parcels).where(inArray(parcels.code, codes))).map((r) => r.code) : [],
  );
  const features: ImportPreviewFeature[] = [];
  for (const [i, f] of result.features.entries()) {
    const problems = result.problems.filter((p) => p.index === f.index).map((p) => p.message);
    const [lon, lat] = centreOf(f.geometry);
    const district = await findDistrictAt(db, lon, lat);
    if (!district) problems.push(OUTSIDE_CITY);
    if (taken.has(codes[i])) problems.push(codeTakenMessage(codes[i]));
    if (codes.indexOf(codes[i]) !== i) problems.push(`地块编号 ${codes[i]} 在文件中重复`);
    features.push({
      index: f.index,
      code: codes[i],
      codeFromFile: !!f.code?.trim(),
      name: f.name?.trim() || codes[i],
      plannedUse: f.use,
      areaM2: f.areaM2,
      areaMu: new Decimal(squareMetresToMu(Number(f.areaM2))).toFixed(2),
      districtName: district?.name ?? null,
      geometry: f.geometry,
      problems,
    });
  }
  if (result.features.length === 0 && fileProblems.length === 0) fileProblems.push('文件中没有找到地块边界');
  return {
    format: result.format,
    sourceCrs: result.sourceCrs,
    features,
    fileProblems,
    ok: fileProblems.length === 0 && features.length > 0 && features.every((f) => f.problems.length === 0),
  };
}
