import { describe, expect, it } from 'vitest';
import { FIT_MARGIN, overlayPadding, type Rect } from '../../src/modules/map/components/fit-padding';

/* The padding of the map's fitted views: the overlays, each charged to its cheapest edge. */

const MAP = { width: 862, height: 788 };
const rect = (left: number, top: number, width: number, height: number): Rect => ({ left, top, right: left + width, bottom: top + height });

describe('fit padding', () => {
  it('keeps fitted parcels below the top controls, left of the zoom buttons and above the legend strip', () => {
    const search = rect(10, 10, 300, 32);
    const tools = rect(320, 10, 150, 28);
    const layers = rect(740, 10, 70, 28);
    const zoomButtons = rect(823, 10, 29, 58);
    const legend = rect(10, 712, 600, 66);
    const scaleAndAttribution = rect(660, 730, 192, 58);
    const pad = overlayPadding(MAP, [search, tools, layers, zoomButtons, legend, scaleAndAttribution]);
    expect(pad).toEqual({ top: 42 + FIT_MARGIN, right: 39 + FIT_MARGIN, bottom: 76 + FIT_MARGIN, left: FIT_MARGIN });
  });

  it('charges an overlay in a corner to the edge that costs less: a tall box on the left, a wide one at the bottom', () => {
    expect(overlayPadding(MAP, [rect(10, 500, 240, 278)], 0)).toMatchObject({ left: 250, bottom: 0 });
    expect(overlayPadding(MAP, [rect(10, 700, 500, 78)], 0)).toMatchObject({ left: 0, bottom: 88 });
  });

  it('ignores hidden, empty and outside overlays', () => {
    expect(overlayPadding(MAP, [rect(10, 10, 0, 0), rect(-100, 10, 50, 50), rect(900, 10, 50, 50)], 0)).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });

  it('leaves a small map room for the parcels', () => {
    const small = { width: 300, height: 200 };
    const pad = overlayPadding(small, [rect(0, 0, 300, 90), rect(0, 120, 300, 80)]);
    expect(pad.top + pad.bottom).toBeLessThanOrEqual(200 * 0.6);
    expect(pad.top).toBeGreaterThan(pad.bottom);
    expect(pad.left + pad.right).toBeLessThanOrEqual(300 * 0.6);
  });
});
