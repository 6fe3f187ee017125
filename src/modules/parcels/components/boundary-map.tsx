import { bboxOf, type LinearRing, type PolygonalGeometry } from '@/platform/geo/geometry';
import { areaView } from '../view';

/**
 * A small static map of one boundary as SVG: lon/lat projected to a local equirectangular frame
 * (x scaled by cos of the centre latitude, so shapes and the scale bar are true to a parcel's
 * size), the district it lies in drawn faintly behind, a scale bar, a north arrow and the area.
 * No hooks and no client library: renders on the server and inside client islands alike.
 */

const EARTH_RADIUS = 6_371_008.8;
const DEG = Math.PI / 180;

function polygonsOf(g: PolygonalGeometry): readonly (readonly LinearRing[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** 1, 2 or 5 × 10^n, the largest not above `value`. */
function niceLength(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const m = value / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

export function BoundaryMap(props: {
  geometry: PolygonalGeometry;
  district?: { name: string; geometry: PolygonalGeometry } | null;
  areaM2?: string;
  color?: string;
  width?: number;
  height?: number;
}) {
  const width = props.width ?? 480;
  const height = props.height ?? 320;
  const color = props.color ?? '#0052d9';
  const box = bboxOf(props.geometry);
  const lon0 = (box.minLon + box.maxLon) / 2;
  const lat0 = (box.minLat + box.maxLat) / 2;
  const kx = Math.cos(lat0 * DEG) * EARTH_RADIUS * DEG; // metres per degree of longitude here
  const ky = EARTH_RADIUS * DEG;
  const spanX = Math.max((box.maxLon - box.minLon) * kx, 1);
  const spanY = Math.max((box.maxLat - box.minLat) * ky, 1);
  // The parcel fills about 70% of the frame; the rest shows its surroundings.
  const scale = Math.min((width * 0.7) / spanX, (height * 0.7) / spanY);
  const project = ([lon, lat]: readonly number[]): string =>
    `${(width / 2 + (lon - lon0) * kx * scale).toFixed(1)},${(height / 2 - (lat - lat0) * ky * scale).toFixed(1)}`;
  const pathOf = (g: PolygonalGeometry) =>
    polygonsOf(g)
      .flatMap((rings) => rings.map((ring) => `M${ring.map(project).join('L')}Z`))
      .join('');

  const barMetres = niceLength(width / 4 / scale);
  const barPx = barMetres * scale;
  const barLabel = barMetres >= 1000 ? `${barMetres / 1000} 千米` : `${barMetres} 米`;
  const area = props.areaM2 !== undefined ? areaView(props.areaM2) : null;

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block', overflow: 'hidden', background: '#f7f8fa', border: '1px solid var(--td-component-stroke, #e7e7e7)', borderRadius: 4 }}
      role="img"
      aria-label={`地块边界示意图${area ? `，面积 ${area.mu} 亩` : ''}`}
    >
      {/* An inline svg clips its content to the viewBox (overflow: hidden). */}
      <g>
        {props.district && (
          <path d={pathOf(props.district.geometry)} fill="#e8edf5" stroke="#9aa7bd" strokeWidth={1} strokeDasharray="4 3" fillRule="evenodd" />
        )}
        <path d={pathOf(props.geometry)} fill={color} fillOpacity={0.25} stroke={color} strokeWidth={2} fillRule="evenodd" strokeLinejoin="round" />
      </g>
      {props.district && (
        <text x={8} y={18} fontSize={12} fill="#6b778c">
          {props.district.name}
        </text>
      )}
      <g transform={`translate(${width - 24}, 14)`} aria-hidden="true">
        <path d="M0,0 L6,16 L0,12 L-6,16 Z" fill="#4b5563" />
        <text x={0} y={30} fontSize={11} textAnchor="middle" fill="#4b5563">
          北
        </text>
      </g>
      <g transform={`translate(12, ${height - 14})`}>
        <path d={`M0,-6 V0 H${barPx.toFixed(1)} V-6`} fill="none" stroke="#374151" strokeWidth={1.5} />
        <text x={barPx / 2} y={-9} fontSize={11} textAnchor="middle" fill="#374151">
          {barLabel}
        </text>
      </g>
      {area && (
        <text x={width - 10} y={height - 12} fontSize={12} textAnchor="end" fill="#374151">
          {`面积 ${area.mu} 亩（${area.m2} ㎡）`}
        </text>
      )}
    </svg>
  );
}
