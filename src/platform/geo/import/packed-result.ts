/**
 * An ImportResult in a form that crosses threads cheaply: every coordinate of every feature in
 * one Float64Array and the ring/polygon structure in Uint32Arrays (transferred, not copied), the
 * rest as small plain objects. Cloning 5,000 polygons of 130 vertices as nested arrays costs the
 * receiving thread seconds; these buffers cost nothing, and the nested arrays are rebuilt in
 * slices that yield to the event loop.
 */
import type { LinearRing, MultiPolygon, Polygon, Position } from '../geometry';
import { makePacer } from './yield';
import type { ImportedFeature, ImportResult } from './types';

type FeatureHead = Omit<ImportedFeature, 'geometry'> & { multi: boolean };

export interface PackedImportResult {
  format: ImportResult['format'];
  sourceCrs: string;
  problems: ImportResult['problems'];
  features: FeatureHead[];
  /** x, y of every position, features in order, rings in order. */
  coords: Float64Array;
  /** Positions per ring. */
  ringSizes: Uint32Array;
  /** Rings per polygon. */
  polygonSizes: Uint32Array;
  /** Polygons per feature (1 for a Polygon). */
  featureSizes: Uint32Array;
}

export function packImportResult(result: ImportResult): PackedImportResult {
  let positions = 0;
  let rings = 0;
  let polygons = 0;
  const polygonsOf = (f: ImportedFeature): readonly (readonly LinearRing[])[] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
  for (const f of result.features) {
    for (const polygon of polygonsOf(f)) {
      polygons++;
      for (const ring of polygon) {
        rings++;
        positions += ring.length;
      }
    }
  }
  const coords = new Float64Array(positions * 2);
  const ringSizes = new Uint32Array(rings);
  const polygonSizes = new Uint32Array(polygons);
  const featureSizes = new Uint32Array(result.features.length);
  let c = 0;
  let r = 0;
  let p = 0;
  const features: FeatureHead[] = result.features.map((f, i) => {
    const list = polygonsOf(f);
    featureSizes[i] = list.length;
    for (const polygon of list) {
      polygonSizes[p++] = polygon.length;
      for (const ring of polygon) {
        ringSizes[r++] = ring.length;
        for (const position of ring) {
          coords[c++] = position[0];
          coords[c++] = position[1];
        }
      }
    }
    const { geometry, ...head } = f;
    return { ...head, multi: geometry.type === 'MultiPolygon' };
  });
  return { format: result.format, sourceCrs: result.sourceCrs, problems: result.problems, features, coords, ringSizes, polygonSizes, featureSizes };
}

/** The buffers to transfer with postMessage. */
export function packedTransferList(packed: PackedImportResult): ArrayBuffer[] {
  return [packed.coords.buffer, packed.ringSizes.buffer, packed.polygonSizes.buffer, packed.featureSizes.buffer] as ArrayBuffer[];
}

/** Rebuilds the ImportResult, yielding to the event loop every few milliseconds. */
export async function unpackImportResult(packed: PackedImportResult): Promise<ImportResult> {
  const pace = makePacer();
  const { coords, ringSizes, polygonSizes, featureSizes } = packed;
  let c = 0;
  let r = 0;
  let p = 0;
  const features: ImportedFeature[] = [];
  for (let i = 0; i < packed.features.length; i++) {
    await pace();
    const polygons: LinearRing[][] = [];
    for (let k = 0; k < featureSizes[i]; k++) {
      const rings: LinearRing[] = [];
      const ringCount = polygonSizes[p++];
      for (let j = 0; j < ringCount; j++) {
        const size = ringSizes[r++];
        const ring: Position[] = new Array(size);
        for (let n = 0; n < size; n++) {
          ring[n] = [coords[c], coords[c + 1]];
          c += 2;
        }
        rings.push(ring);
      }
      polygons.push(rings);
    }
    const { multi, ...head } = packed.features[i];
    const geometry: Polygon | MultiPolygon = multi ? { type: 'MultiPolygon', coordinates: polygons } : { type: 'Polygon', coordinates: polygons[0] };
    features.push({ ...head, geometry });
  }
  return { format: packed.format, sourceCrs: packed.sourceCrs, problems: packed.problems, features };
}
