/**
 * Coordinate reference systems of imported files: what a file declares (GeoJSON `crs`, .prj,
 * 部颁 带号), what its numbers look like (degrees or metres, zone prefix), and the decision
 * between the two. Only CGCS2000 (and WGS84, equal to it within centimetres for parcels) is
 * accepted; 西安80 / 北京54 need datum parameters the system does not hold.
 */
import { eastingPrefix, gkCrsLabel, GK_ZONE_MAX, GK_ZONE_MIN, isGkZone, stripEastingPrefix } from './gauss-kruger';
import { ImportError, type SourceCrs, type SourceFeature, type XY } from './types';

export const CGCS2000_GEOGRAPHIC: SourceCrs = { kind: 'geographic', label: 'EPSG:4490' };
export const WGS84_GEOGRAPHIC: SourceCrs = { kind: 'geographic', label: 'EPSG:4326' };

/** A CRS stated by the file; `source` names where, for messages (「.prj 文件」, 「带号」). */
export type DeclaredCrs = { kind: 'geographic'; crs: SourceCrs } | { kind: 'gk'; zone: number; source: string };

/** EPSG codes: 4513–4533 CGCS2000 3° GK zone 25–45 (prefixed), 4534–4554 CM 75°E–135°E. */
export function crsFromEpsg(code: number, source: string): DeclaredCrs | null {
  if (code === 4490) return { kind: 'geographic', crs: CGCS2000_GEOGRAPHIC };
  if (code === 4326) return { kind: 'geographic', crs: WGS84_GEOGRAPHIC };
  if (code >= 4513 && code <= 4533) return { kind: 'gk', zone: code - 4513 + GK_ZONE_MIN, source };
  if (code >= 4534 && code <= 4554) return { kind: 'gk', zone: code - 4534 + GK_ZONE_MIN, source };
  return null;
}

/**
 * A CRS named in text: 'EPSG:4490', 'urn:ogc:def:crs:EPSG::4547', 'urn:ogc:def:crs:OGC:1.3:CRS84',
 * 'CGCS2000_3_Degree_GK_Zone_38', 'CGCS2000_3_Degree_GK_CM_114E', 'CGCS2000 / 3-degree Gauss-Kruger zone 38'.
 */
export function crsFromName(name: string, source: string): DeclaredCrs | null {
  const text = name.trim();
  const epsg = /EPSG:(?::|[\d.]*:)?(\d{4,5})$/i.exec(text);
  if (epsg) return crsFromEpsg(Number(epsg[1]), source);
  if (/CRS84$/i.test(text)) return { kind: 'geographic', crs: WGS84_GEOGRAPHIC };
  if (!/CGCS\s*2000|CHINA[_ ]2000|CHINA[_ ]GEODETIC[_ ]COORDINATE[_ ]SYSTEM[_ ]2000/i.test(text)) return null;
  const zone = /3[_ -]DEGREE[_ ]G(?:AUSS[_ -])?K(?:RUGER)?[_ ]ZONE[_ ](\d{2})/i.exec(text);
  if (zone) return { kind: 'gk', zone: Number(zone[1]), source };
  const cm = /3[_ -]DEGREE[_ ]G(?:AUSS[_ -])?K(?:RUGER)?[_ ]CM[_ ](\d{2,3})(?:\.0+)?E/i.exec(text);
  if (cm && Number(cm[1]) % 3 === 0) return { kind: 'gk', zone: Number(cm[1]) / 3, source };
  if (/^(?:GCS_)?(?:CGCS\s*2000|CHINA[_ ]GEODETIC[_ ]COORDINATE[_ ]SYSTEM[_ ]2000|CHINA[_ ]2000)$/i.test(text)) {
    return { kind: 'geographic', crs: CGCS2000_GEOGRAPHIC };
  }
  return null;
}

export function mapFeaturePoints(features: SourceFeature[], fn: (p: XY) => XY): SourceFeature[] {
  return features.map((f) => ({
    ...f,
    parts: f.parts.map((part) => ({ rings: part.rings.map((ring) => ({ ...ring, points: ring.points.map(fn) })) })),
  }));
}

function* allPoints(features: SourceFeature[]): Generator<XY> {
  for (const f of features) for (const part of f.parts) for (const ring of part.rings) yield* ring.points;
}

/** Degrees, metres, a mixture of both, or no points at all. */
export function coordinateKind(features: SourceFeature[]): 'degrees' | 'metres' | 'mixed' | 'empty' {
  let degrees = 0;
  let metres = 0;
  for (const [x, y] of allPoints(features)) {
    // |y| up to 180 still counts as degrees: swapped lon/lat, reported later by the extent check.
    if (Math.abs(x) <= 180 && Math.abs(y) <= 180) degrees++;
    else metres++;
  }
  if (degrees + metres === 0) return 'empty';
  return metres === 0 ? 'degrees' : degrees === 0 ? 'metres' : 'mixed';
}

export const MIXED_COORDINATES = '文件中既有经纬度坐标又有投影坐标（米），无法确定坐标系';

/**
 * Decides the zone of projected coordinates ([x = easting, y = northing], eastings possibly
 * prefixed) and returns the features with prefixes removed. Throws ImportError when the zone
 * is unknown or contradicted.
 */
export function resolveGaussKruger(
  features: SourceFeature[],
  declared: { zone: number; source: string } | null,
  chosenZone: number | undefined,
): { crs: SourceCrs; features: SourceFeature[] } {
  const prefixes = new Set<number>();
  let withPrefix = 0;
  let withoutPrefix = 0;
  for (const [x, y] of allPoints(features)) {
    if (Math.abs(y) >= 10_000_000 && Math.abs(x) < 10_000_000) {
      throw new ImportError('坐标的北坐标与东坐标可能颠倒：北坐标的数值像是带有带号前缀的东坐标，请检查坐标顺序');
    }
    const prefix = eastingPrefix(x);
    if (prefix === null) withoutPrefix++;
    else {
      withPrefix++;
      prefixes.add(prefix);
    }
  }
  if (withPrefix > 0 && withoutPrefix > 0) {
    throw new ImportError('部分坐标的东坐标带有带号前缀、部分没有，请统一坐标格式后重新导入');
  }
  if (prefixes.size > 1) {
    const list = [...prefixes].sort((a, b) => a - b).join('、');
    throw new ImportError(`坐标的带号前缀不一致（${list}），同一文件中的坐标必须属于同一个投影带`);
  }
  const prefixZone = prefixes.size === 1 ? [...prefixes][0] : null;
  if (prefixZone !== null && !isGkZone(prefixZone) && [...allPoints(features)].every(([, y]) => Math.abs(y) < 1_000_000)) {
    throw new ImportError('坐标的北坐标与东坐标可能颠倒：北坐标的数值像东坐标（小于 1 000 000 米），东坐标的数值像北坐标，请检查坐标顺序');
  }
  if (prefixZone !== null && !isGkZone(prefixZone)) {
    throw new ImportError(`坐标的带号前缀 ${prefixZone} 不是 CGCS2000 3 度分带的带号（${GK_ZONE_MIN}–${GK_ZONE_MAX}）`);
  }
  if (declared && !isGkZone(declared.zone)) {
    throw new ImportError(`${declared.source}中的带号 ${declared.zone} 不是 CGCS2000 3 度分带的带号（${GK_ZONE_MIN}–${GK_ZONE_MAX}）`);
  }
  if (declared && prefixZone !== null && declared.zone !== prefixZone) {
    throw new ImportError(`${declared.source}中的带号 ${declared.zone} 与坐标中的带号前缀 ${prefixZone} 不一致`);
  }
  const fileZone = declared?.zone ?? prefixZone;
  if (chosenZone !== undefined && !isGkZone(chosenZone)) {
    throw new ImportError(`所选带号 ${chosenZone} 不是 CGCS2000 3 度分带的带号（${GK_ZONE_MIN}–${GK_ZONE_MAX}）`);
  }
  if (chosenZone !== undefined && fileZone !== null && chosenZone !== fileZone) {
    throw new ImportError(`所选带号 ${chosenZone} 与文件中的带号 ${fileZone} 不一致`);
  }
  const zone = fileZone ?? chosenZone;
  if (zone === undefined) {
    throw new ImportError(
      '坐标是高斯-克吕格投影坐标（米），但东坐标没有带号前缀，文件中也没有说明带号，无法确定投影带；请选择带号（益阳为 37 或 38 带）后重新导入',
    );
  }
  const stripped = mapFeaturePoints(features, ([x, y]) => [stripEastingPrefix(x), y]);
  return { crs: { kind: 'gk', zone, label: gkCrsLabel(zone) }, features: stripped };
}

/**
 * The usual decision for readers whose files may hold degrees or metres (GeoJSON, shapefile):
 * a declared CRS is checked against the numbers; without one, degrees mean CGCS2000 lon/lat.
 */
export function resolveSourceCrs(
  features: SourceFeature[],
  declared: DeclaredCrs | null,
  chosenZone: number | undefined,
  assumedGeographicLabel: string,
): { crs: SourceCrs; features: SourceFeature[] } {
  const kind = coordinateKind(features);
  if (kind === 'mixed') throw new ImportError(MIXED_COORDINATES);
  if (declared?.kind === 'geographic') {
    if (kind === 'metres') {
      throw new ImportError(`文件声明的坐标系是经纬度（${declared.crs.label}），但坐标数值是投影坐标（米）`);
    }
    return { crs: declared.crs, features };
  }
  if (declared?.kind === 'gk') {
    if (kind === 'degrees') {
      throw new ImportError(`${declared.source}声明的是高斯-克吕格投影坐标（带号 ${declared.zone}），但坐标数值是经纬度`);
    }
    return resolveGaussKruger(features, declared, chosenZone);
  }
  if (kind === 'metres') return resolveGaussKruger(features, null, chosenZone);
  return { crs: { kind: 'geographic', label: assumedGeographicLabel }, features };
}
