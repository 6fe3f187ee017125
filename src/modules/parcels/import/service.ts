import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { getSettings } from '@/platform/settings';
import { type ImportEncoding, type ImportResult } from '@/platform/geo/import';
import { parseBoundaryFileOffThread } from '@/platform/geo/import/off-thread';
import { describeProblem } from '@/platform/geo/import/describe';
import { loadDistrictLookup } from '@/platform/geo/districts';
import { FEATURES_PER_SLICE, makePacer, yieldToEventLoop } from '@/platform/geo/import/yield';
import type { PolygonalGeometry } from '@/platform/geo/geometry';
import { parcels } from '../schema';
import { centreOf, codeTakenMessage, OUTSIDE_CITY } from '../mutations';
import { compareStatedArea } from './area-check';

export interface ImportPreviewFeature {
  index: number;
  code: string;
  /** False when the code was generated because the file has none. */
  codeFromFile: boolean;
  name: string;
  plannedUse: string | null;
  /** Ellipsoidal area computed from the boundary, m², 2 decimals. */
  areaM2: string;
  /** Area the file states (部颁 面积(公顷) in m²), or null when the format states none. */
  statedAreaM2: string | null;
  /** Computed − stated, m²; null when no area is stated. */
  areaDiffM2: string | null;
  /** (computed − stated) ÷ stated in %, 2 decimals; null when none is stated or it is 0. */
  areaDiffPercent: string | null;
  districtName: string | null;
  geometry: PolygonalGeometry;
  /** Refuse the whole batch. */
  problems: string[];
  /** Shown for checking, do not block the import (area difference above the threshold). */
  warnings: string[];
}

export interface ImportPreview {
  format: string | null;
  sourceCrs: string;
  features: ImportPreviewFeature[];
  fileProblems: string[];
  /** Threshold in force for the area warning (system parameter 'import.areaDiffWarnPercent'). */
  areaDiffWarnPercent: number;
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
 * Codes already used by parcels, asked in small batches (a driver takes at most 65,535
 * parameters) with a yield between them (an in-process database such as PGlite answers
 * without ever returning to the event loop).
 */
async function takenCodes(db: Db, codes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += FEATURES_PER_SLICE) {
    await yieldToEventLoop();
    const rows = await db.select({ code: parcels.code }).from(parcels).where(inArray(parcels.code, codes.slice(i, i + FEATURES_PER_SLICE)));
    for (const r of rows) taken.add(r.code);
  }
  return taken;
}

/**
 * Parses a boundary file and checks every feature against the database (district, duplicate
 * codes). Writes nothing: the same check runs again inside the import transaction.
 */
export async function previewBoundaryImport(db: Db, fileName: string, bytes: Uint8Array, opts: PreviewOptions): Promise<ImportPreview> {
  const settings = await getSettings(db);
  const threshold = settings['import.areaDiffWarnPercent'];
  const result: ImportResult = await parseBoundaryFileOffThread(fileName, bytes, {
    maxBytes: settings['import.maxFileMb'] * 1024 * 1024,
    maxFeatures: settings['import.maxFeatures'],
    encoding: opts.encoding ?? 'auto',
    zone: opts.zone,
  });
  const fileProblems = result.problems.filter((p) => p.index === null).map((p) => describeProblem(p, result.features));
  // Per-feature lookups by map, not by scanning: the work stays linear in the feature count.
  const problemsByIndex = new Map<number, string[]>();
  for (const p of result.problems) {
    if (p.index === null) continue;
    const list = problemsByIndex.get(p.index);
    if (list) list.push(p.message);
    else problemsByIndex.set(p.index, [p.message]);
  }
  const codes = result.features.map((f, i) => (f.code?.trim() ? f.code.trim() : `${opts.codePrefix}-${String(i + 1).padStart(2, '0')}`));
  const firstOfCode = new Map<string, number>();
  codes.forEach((code, i) => firstOfCode.has(code) || firstOfCode.set(code, i));
  const taken = await takenCodes(db, [...firstOfCode.keys()]);
  const districtAt = await loadDistrictLookup(db);
  const features: ImportPreviewFeature[] = [];
  const pace = makePacer();
  for (const [i, f] of result.features.entries()) {
    await pace();
    const problems = [...(problemsByIndex.get(f.index) ?? [])];
    const [lon, lat] = centreOf(f.geometry);
    const district = districtAt(lon, lat);
    if (!district) problems.push(OUTSIDE_CITY);
    if (taken.has(codes[i])) problems.push(codeTakenMessage(codes[i]));
    if (firstOfCode.get(codes[i]) !== i) problems.push(`地块编号 ${codes[i]} 在文件中重复`);
    const area = f.declaredAreaM2 === null ? null : compareStatedArea(f.declaredAreaM2, f.areaM2, threshold);
    features.push({
      index: f.index,
      code: codes[i],
      codeFromFile: !!f.code?.trim(),
      name: f.name?.trim() || codes[i],
      plannedUse: f.use,
      areaM2: f.areaM2,
      statedAreaM2: f.declaredAreaM2,
      areaDiffM2: area?.diffM2 ?? null,
      areaDiffPercent: area?.diffPercent ?? null,
      districtName: district?.name ?? null,
      geometry: f.geometry,
      problems,
      warnings: area?.warning ? [area.warning] : [],
    });
  }
  if (result.features.length === 0 && fileProblems.length === 0) fileProblems.push('文件中没有找到地块边界');
  return {
    format: result.format,
    sourceCrs: result.sourceCrs,
    features,
    fileProblems,
    areaDiffWarnPercent: threshold,
    ok: fileProblems.length === 0 && features.length > 0 && features.every((f) => f.problems.length === 0),
  };
}
