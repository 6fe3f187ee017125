/**
 * How much of the map the overlays (search box, tools, layers button, zoom buttons, legend,
 * scale and attribution) hide, as the padding of a fit: each overlay is charged to the edge of
 * the map it costs least to keep clear of (the search box to the top, the legend strip to the
 * bottom, the zoom buttons to the right…), plus a margin for the group circles drawn around
 * their centres. Pure, client-safe.
 */

/** A rectangle in CSS px relative to the map's top-left corner. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The room kept around fitted parcels: the radius of a group of up to ~900 parcels (style.ts clusterRadius). */
export const FIT_MARGIN = 24;

/** The padding never takes more than this share of the map's width or height. */
const MAX_SHARE = 0.6;

export function overlayPadding(size: { width: number; height: number }, overlays: readonly Rect[], margin: number = FIT_MARGIN): Padding {
  const pad: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
  for (const o of overlays) {
    if (o.right <= 0 || o.bottom <= 0 || o.left >= size.width || o.top >= size.height || o.right <= o.left || o.bottom <= o.top) continue;
    const costs: [keyof Padding, number][] = [
      ['top', o.bottom],
      ['bottom', size.height - o.top],
      ['left', o.right],
      ['right', size.width - o.left],
    ];
    const [edge, cost] = costs.reduce((a, b) => (b[1] < a[1] ? b : a));
    pad[edge] = Math.max(pad[edge], cost);
  }
  for (const edge of ['top', 'right', 'bottom', 'left'] as const) pad[edge] = Math.round(pad[edge] + margin);
  // A small map keeps room for the parcels: both sides shrink in proportion.
  const fit = (a: keyof Padding, b: keyof Padding, length: number) => {
    const sum = pad[a] + pad[b];
    if (sum <= length * MAX_SHARE) return;
    const k = (length * MAX_SHARE) / sum;
    pad[a] = Math.floor(pad[a] * k);
    pad[b] = Math.floor(pad[b] * k);
  };
  fit('left', 'right', size.width);
  fit('top', 'bottom', size.height);
  return pad;
}

/** The rectangles of the elements over the map, relative to it (hidden and empty ones left out). */
export function overlayRects(map: HTMLElement, elements: Iterable<Element>): Rect[] {
  const origin = map.getBoundingClientRect();
  const out: Rect[] = [];
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push({ left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top });
  }
  return out;
}
