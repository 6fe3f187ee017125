/**
 * Attribute handling shared by GeoJSON, shapefile and KML: plain values only, and the parcel
 * code, name and use picked from the field names Chinese land data commonly uses (拼音 initials
 * such as DKBH 地块编号, DKMC 地块名称, DKYT 地块用途, as well as English and Chinese names).
 */
export type AttributeValue = string | number | null;

const CODE_KEYS = ['code', 'parcelcode', 'parcel_code', 'dkbh', '地块编号', '宗地编号', 'zdbh', '编号', 'bh'];
const NAME_KEYS = ['name', 'parcelname', 'parcel_name', 'dkmc', '地块名称', '宗地名称', 'zdmc', '名称', 'mc'];
const USE_KEYS = ['use', 'landuse', 'land_use', 'dkyt', '地块用途', '用途', 'tdyt', '土地用途', 'yt'];

/** Any JSON-ish value as a stored attribute: strings trimmed, booleans as 是/否, objects as JSON. */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

export function toAttributes(properties: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return out;
  for (const [key, value] of Object.entries(properties)) out[key] = toAttributeValue(value);
  return out;
}

function pick(properties: Record<string, AttributeValue>, keys: readonly string[]): string | null {
  const byLowerKey = new Map(Object.entries(properties).map(([k, v]) => [k.trim().toLowerCase(), v]));
  for (const key of keys) {
    const value = byLowerKey.get(key);
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    if (text) return text;
  }
  return null;
}

export function pickParcelFields(properties: Record<string, AttributeValue>): {
  code: string | null;
  name: string | null;
  use: string | null;
} {
  return { code: pick(properties, CODE_KEYS), name: pick(properties, NAME_KEYS), use: pick(properties, USE_KEYS) };
}
