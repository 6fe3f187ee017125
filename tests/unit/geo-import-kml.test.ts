import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type MultiPolygon, type Polygon } from '../../src/platform/geo/geometry';
import { parseBoundaryFile, type ImportResult } from '../../src/platform/geo/import';
import { metresBetween, PARCEL_ZONE_37, PARCEL_ZONE_37_SMALL, PARCEL_ZONE_38_WITH_HOLE, type LonLat } from '../fixtures/geo-import/parcels';
import { zipFiles } from '../fixtures/geo-import/shapefile-writer';

const MAX = 5 * 1024 * 1024;

function coords(ring: LonLat[]): string {
  return ring.map(([lon, lat]) => `${lon},${lat},0`).join(' ');
}

function polygon(rings: LonLat[][]): string {
  const [outer, ...holes] = rings;
  return (
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer)}</coordinates></LinearRing></outerBoundaryIs>` +
    holes.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function kmlDocument(placemarks: string[], encoding = 'UTF-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>储备地块</name>
<Style id="s"><PolyStyle><color>7f00ff00</color></PolyStyle></Style>
${placemarks.join('\n')}
</Document></kml>`;
}

function worstError(original: LonLat[][], got: Polygon): number {
  let worst = 0;
  original.forEach((ring, r) => {
    for (const p of ring) worst = Math.max(worst, Math.min(...got.coordinates[r].map((q) => metresBetween(p, q))));
  });
  return worst;
}

async function parse(name: string, bytes: Uint8Array): Promise<ImportResult> {
  return parseBoundaryFile(name, bytes, { maxBytes: MAX });
}

const PLACEMARKS = [
  `<Placemark><name>龙岭地块</name><styleUrl>#s</styleUrl><ExtendedData><Data name="地块编号"><value>K-1</value></Data><Data name="地块用途"><value>住宅用地</value></Data></ExtendedData>${polygon(PARCEL_ZONE_37)}</Placemark>`,
  `<Placemark><name>带内环地块</name>${polygon(PARCEL_ZONE_38_WITH_HOLE)}</Placemark>`,
  `<Placemark><name>两块飞地</name><MultiGeometry>${polygon(PARCEL_ZONE_37_SMALL)}${polygon(PARCEL_ZONE_38_WITH_HOLE)}</MultiGeometry></Placemark>`,
];

describe('KML', () => {
  it('reads Placemark polygons (with holes) and MultiGeometry, name from <name>', async () => {
    const result = await parse('地块.kml', new TextEncoder().encode(kmlDocument(PLACEMARKS)));
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('kml');
    expect(result.sourceCrs).toBe('EPSG:4326');
    expect(result.features.map((f) => [f.name, f.code, f.use])).toEqual([
      ['龙岭地块', 'K-1', '住宅用地'],
      ['带内环地块', null, null],
      ['两块飞地', null, null],
    ]);
    expect(Object.keys(result.features[0].properties).some((k) => k.startsWith('style'))).toBe(false);
    expect(worstError(PARCEL_ZONE_37, result.features[0].geometry as Polygon)).toBe(0);
    expect((result.features[1].geometry as Polygon).coordinates).toHaveLength(2);
    const multi = result.features[2].geometry as MultiPolygon;
    expect(multi.type).toBe('MultiPolygon');
    expect(multi.coordinates.map((p) => p.length)).toEqual([1, 2]);
  });

  it('reports a point placemark as a per-feature problem', async () => {
    const point = '<Placemark><name>界桩</name><Point><coordinates>112.35,28.55,0</coordinates></Point></Placemark>';
    const result = await parse('a.kml', new TextEncoder().encode(kmlDocument([point, PLACEMARKS[0]])));
    expect(result.features.map((f) => f.index)).toEqual([1]);
    expect(result.problems).toEqual([{ index: 0, message: '几何类型是 Point（点），只支持面（Polygon、MultiPolygon）' }]);
  });

  it('reads a GBK-declared KML and a KMZ', async () => {
    const gbk = new Uint8Array(iconv.encode(kmlDocument(PLACEMARKS.slice(0, 1), 'GBK'), 'gbk'));
    const fromGbk = await parse('gbk.kml', gbk);
    expect(fromGbk.problems).toEqual([]);
    expect(fromGbk.features[0].name).toBe('龙岭地块');
    const kmz = zipFiles({ 'doc.kml': kmlDocument(PLACEMARKS.slice(0, 2)) });
    const fromKmz = await parse('地块.kmz', kmz);
    expect(fromKmz.problems).toEqual([]);
    expect(fromKmz.format).toBe('kml');
    expect(fromKmz.features).toHaveLength(2);
  });
});
