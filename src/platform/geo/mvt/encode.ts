/**
 * Mapbox Vector Tile 2.1 encoding: layers with key/value tables shared by their features.
 * https://github.com/mapbox/vector-tile-spec/tree/master/2.1
 */
import { PbfWriter } from './pbf-writer';

export const GEOM_POINT = 1;
export const GEOM_LINESTRING = 2;
export const GEOM_POLYGON = 3;
export type TGeomType = typeof GEOM_POINT | typeof GEOM_LINESTRING | typeof GEOM_POLYGON;

export type TPropertyValue = string | number | boolean;

export interface TileFeature {
  /** Optional unsigned integer id (MVT feature ids are numbers). */
  id?: number;
  type: TGeomType;
  /** The command stream (see polygonCommands / pointCommands). */
  geometry: readonly number[];
  /** null and undefined values are left out. */
  properties: Readonly<Record<string, TPropertyValue | null | undefined>>;
}

/** Collects the features of one layer, de-duplicating keys and values. */
export class LayerBuilder {
  private readonly keys = new Map<string, number>();
  private readonly values = new Map<string, number>();
  private readonly valueList: TPropertyValue[] = [];
  private readonly features: { id?: number; type: TGeomType; geometry: readonly number[]; tags: number[] }[] = [];

  constructor(
    readonly name: string,
    readonly extent = 4096,
  ) {}

  get size(): number {
    return this.features.length;
  }

  private keyIndex(key: string): number {
    let i = this.keys.get(key);
    if (i === undefined) {
      i = this.keys.size;
      this.keys.set(key, i);
    }
    return i;
  }

  private valueIndex(value: TPropertyValue): number {
    const k = `${typeof value}:${String(value)}`;
    let i = this.values.get(k);
    if (i === undefined) {
      i = this.valueList.length;
      this.values.set(k, i);
      this.valueList.push(value);
    }
    return i;
  }

  add(feature: TileFeature): void {
    if (feature.geometry.length === 0) return;
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined) continue;
      if (typeof value === 'number' && !Number.isFinite(value)) continue;
      tags.push(this.keyIndex(key), this.valueIndex(value));
    }
    this.features.push({ id: feature.id, type: feature.type, geometry: feature.geometry, tags });
  }

  /** Writes the Layer message body. */
  write(pbf: PbfWriter): void {
    pbf.varintField(15, 2); // version
    pbf.stringField(1, this.name);
    for (const f of this.features) {
      pbf.messageField(2, () => {
        if (f.id !== undefined) pbf.varintField(1, f.id);
        pbf.packedVarintField(2, f.tags);
        pbf.varintField(3, f.type);
        pbf.packedVarintField(4, f.geometry);
      });
    }
    for (const key of this.keys.keys()) pbf.stringField(3, key);
    for (const value of this.valueList) pbf.messageField(4, () => writeValue(pbf, value));
    pbf.varintField(5, this.extent);
  }
}

function writeValue(pbf: PbfWriter, value: TPropertyValue): void {
  if (typeof value === 'string') pbf.stringField(1, value);
  else if (typeof value === 'boolean') pbf.boolField(7, value);
  else if (Number.isSafeInteger(value)) {
    if (value >= 0) pbf.varintField(5, value);
    else pbf.svarintField(6, value);
  } else pbf.doubleField(3, value);
}

/** The whole tile: the non-empty layers, in order. Empty layers are left out. */
export function encodeTile(layers: readonly LayerBuilder[]): Uint8Array {
  const pbf = new PbfWriter();
  for (const layer of layers) {
    if (layer.size === 0) continue;
    pbf.messageField(3, () => layer.write(pbf));
  }
  return pbf.finish();
}
