/**
 * KML (and KMZ, its zipped form): Placemarks with Polygon or MultiGeometry of Polygons, via
 * @tmcw/togeojson on an @xmldom/xmldom document (no network, no external entities). KML is
 * WGS84 lon/lat by definition; the name comes from <name>, attributes from <ExtendedData>.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { pickParcelFields, toAttributes } from './attributes';
import { resolveSourceCrs, WGS84_GEOGRAPHIC } from './crs';
import { partsFromGeometry } from './geojson-geometry';
import { decodeText } from './text-decoding';
import { ImportError, type ImportEncoding, type ImportProblem, type ParseOptions, type ReaderOutput, type SourceFeature } from './types';

/** togeojson's styling output, not land attributes. */
const STYLE_KEY = /^(style|stroke|fill|icon|label|visibility|marker)/i;

function declaredEncoding(bytes: Uint8Array): ImportEncoding {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const match = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (!match) return 'auto';
  const name = match[1].toUpperCase().replace(/[\s_-]/g, '');
  if (['GBK', 'GB2312', 'GB18030', 'CP936'].includes(name)) return 'gbk';
  if (name === 'UTF8') return 'utf8';
  return 'auto';
}

function parseXml(text: string): ReturnType<DOMParser['parseFromString']> {
  let detail = '';
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level === 'warning') return;
        detail = message;
        throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    const source = detail || (error instanceof Error ? error.message : '');
    const line = /line:(\d+)/.exec(source);
    throw new ImportError(`KML 文件不是有效的 XML${line ? `（第 ${line[1]} 行附近）` : ''}，文件可能不完整或已损坏`);
  }
}

export function readKml(bytes: Uint8Array, options: ParseOptions, what = 'KML 文件'): ReaderOutput {
  const chosen = options.encoding ?? 'auto';
  const { text } = decodeText(bytes, chosen === 'auto' ? declaredEncoding(bytes) : chosen, what);
  const doc = parseXml(text);
  const root = doc.documentElement;
  if (!root || (root.localName ?? root.nodeName).toLowerCase() !== 'kml') {
    throw new ImportError(`${what}的根元素不是 <kml>，不是有效的 KML 文件`);
  }
  const collection = kml(doc);
  const problems: ImportProblem[] = [];
  const features: SourceFeature[] = [];
  collection.features.forEach((feature, index) => {
    const properties = toAttributes(
      Object.fromEntries(Object.entries(feature.properties ?? {}).filter(([key]) => !STYLE_KEY.test(key))),
    );
    const parts = partsFromGeometry(feature.geometry);
    if (typeof parts === 'string') {
      problems.push({ index, message: parts });
      return;
    }
    features.push({ index, ...pickParcelFields(properties), properties, declaredAreaM2: null, parts });
  });
  const resolved = resolveSourceCrs(features, { kind: 'geographic', crs: WGS84_GEOGRAPHIC }, options.zone, WGS84_GEOGRAPHIC.label);
  return { crs: resolved.crs, features: resolved.features, problems };
}
