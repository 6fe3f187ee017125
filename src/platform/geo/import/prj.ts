/**
 * Reads the CRS from a shapefile's .prj (WKT 1, as ArcGIS, QGIS and 南方 CASS write it).
 * Decided from the projection parameters when present — central meridian, false easting, scale —
 * so both "CGCS2000_3_Degree_GK_Zone_38" and "CGCS2000_3_Degree_GK_CM_114E" styles, and
 * QGIS's "CGCS2000 / 3-degree Gauss-Kruger zone 38", resolve to the same zone.
 */
import { crsFromName, CGCS2000_GEOGRAPHIC, WGS84_GEOGRAPHIC, type DeclaredCrs } from './crs';
import { GK_ZONE_MAX, GK_ZONE_MIN } from './gauss-kruger';
import { ImportError } from './types';

const SOURCE = '.prj 文件';

/** A numeric PARAMETER by any of its names (WKT 1 ESRI/OGC names, then WKT 2 names). */
function parameter(wkt: string, ...names: string[]): number | null {
  for (const name of names) {
    const match = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)\\s*[,\\]]`, 'i').exec(wkt);
    if (!match) continue;
    const value = Number(match[1]);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

function firstName(wkt: string, keyword: string): string | null {
  const match = new RegExp(`${keyword}\\[\\s*"([^"]*)"`, 'i').exec(wkt);
  return match ? match[1] : null;
}

function datumKind(wkt: string): 'cgcs2000' | 'wgs84' | 'xian80' | 'beijing54' | 'other' {
  const text = wkt.toUpperCase();
  if (/CGCS_?2000|CHINA_2000|CHINA_GEODETIC_COORDINATE_SYSTEM_2000|CHINA 2000/.test(text)) return 'cgcs2000';
  if (/XIAN|XI'AN/.test(text)) return 'xian80';
  if (/BEIJING/.test(text)) return 'beijing54';
  if (/WGS_?1984|WGS ?84|WORLD GEODETIC SYSTEM 1984/.test(text)) return 'wgs84';
  return 'other';
}

const DATUM_NAMES = { xian80: '1980 西安坐标系', beijing54: '1954 北京坐标系' } as const;

function unsupported(detail: string): ImportError {
  return new ImportError(`.prj 文件中的坐标系不受支持（${detail}），请转换为 2000 国家大地坐标系（CGCS2000）经纬度或 3 度分带高斯-克吕格投影后重新导入`);
}

function projectedZone(wkt: string): number {
  const projection = (firstName(wkt, 'PROJECTION') ?? firstName(wkt, 'METHOD') ?? '').toUpperCase().replace(/[\s-]+/g, '_');
  if (!/GAUSS_KRUGER|TRANSVERSE_MERCATOR/.test(projection)) throw unsupported(`投影方式 ${projection || '未知'}`);
  const cm = parameter(wkt, 'central_meridian', 'longitude_of_origin', 'Longitude of natural origin');
  const falseEasting = parameter(wkt, 'false_easting', 'False easting');
  const scale = parameter(wkt, 'scale_factor', 'Scale factor at natural origin') ?? 1;
  const latOrigin = parameter(wkt, 'latitude_of_origin', 'Latitude of natural origin') ?? 0;
  const falseNorthing = parameter(wkt, 'false_northing', 'False northing') ?? 0;
  if (cm === null || falseEasting === null) {
    const named = crsFromName(firstName(wkt, 'PROJCS') ?? '', SOURCE);
    if (named?.kind === 'gk') return named.zone;
    throw unsupported('缺少中央经线或东偏移参数');
  }
  const zone = cm / 3;
  if (!Number.isInteger(zone) || zone < GK_ZONE_MIN || zone > GK_ZONE_MAX) {
    throw unsupported(`中央经线 ${cm}° 不是 3 度分带的中央经线`);
  }
  if (Math.abs(scale - 1) > 1e-9 || latOrigin !== 0 || falseNorthing !== 0) {
    throw unsupported(`比例因子 ${scale}、原点纬度 ${latOrigin}、北偏移 ${falseNorthing}`);
  }
  if (falseEasting !== 500_000 && falseEasting !== zone * 1_000_000 + 500_000) {
    throw unsupported(`东偏移 ${falseEasting} 米`);
  }
  return zone;
}

/** The CRS a .prj declares; ImportError for anything but CGCS2000 / WGS84 lon/lat and CGCS2000 3° GK. */
export function crsFromPrj(text: string): DeclaredCrs {
  const wkt = text.trim().replace(/^\uFEFF/, '');
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\[/i.test(wkt)) {
    const named = crsFromName(wkt, SOURCE);
    if (named) return named;
    throw new ImportError('.prj 文件内容无法识别，不是有效的坐标系定义（WKT）');
  }
  const datum = datumKind(wkt);
  if (datum === 'xian80' || datum === 'beijing54') throw unsupported(DATUM_NAMES[datum]);
  const projected = /^PROJ(CS|CRS)\[/i.test(wkt);
  if (!projected) {
    if (datum === 'cgcs2000') return { kind: 'geographic', crs: CGCS2000_GEOGRAPHIC };
    if (datum === 'wgs84') return { kind: 'geographic', crs: WGS84_GEOGRAPHIC };
    throw unsupported(firstName(wkt, 'GEOGCS') ?? firstName(wkt, 'GEOGCRS') ?? '未知的大地坐标系');
  }
  if (datum !== 'cgcs2000') throw unsupported(firstName(wkt, 'PROJCS') ?? firstName(wkt, 'PROJCRS') ?? '未知的投影坐标系');
  return { kind: 'gk', zone: projectedZone(wkt), source: SOURCE };
}
