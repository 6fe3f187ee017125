import { expect, type Locator, type Page } from '@playwright/test';
import { STAGE_COLORS } from '../../src/modules/map/tiles/colors';
import type { TStage } from '../../src/modules/parcels/stages';

/* Helpers of the 挂图作战 specs: colours as drawn, pixels of the map, filters, the view in the URL. */

export type Rgb = [number, number, number];

export function hex(color: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as Rgb;
}

/** The stage's fill as drawn: its colour at 72 % opacity over the district fill (style.ts). */
export function drawnFill(stage: TStage): Rgb {
  const fill = hex(STAGE_COLORS[stage]);
  const under: Rgb = [0.9 * 0xfb + 0.1 * 0xee, 0.9 * 0xfc + 0.1 * 0xf1, 0.9 * 0xfd + 0.1 * 0xf5];
  return fill.map((c, i) => 0.72 * c + 0.28 * under[i]) as Rgb;
}

export const near = (a: Rgb, b: Rgb, tolerance = 14) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

export async function mapIdle(page: Page) {
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-map-state', 'idle', { timeout: 30_000 });
}

/** Pixels of the map element (CSS px) read from a screenshot, decoded in the page. */
export async function pixels(map: Locator, points: [number, number][]): Promise<Rgb[]> {
  const png = await map.screenshot();
  return map.page().evaluate(
    async ({ b64, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return points.map(([x, y]) => {
        const d = ctx.getImageData(x, y, 1, 1).data;
        return [d[0], d[1], d[2]] as [number, number, number];
      });
    },
    { b64: png.toString('base64'), points },
  );
}

/** A grid over the middle of the map, centre first. */
export async function middleGrid(map: Locator): Promise<[number, number][]> {
  const box = (await map.boundingBox())!;
  const cx = Math.round(box.width / 2);
  const cy = Math.round(box.height / 2);
  const points: [number, number][] = [[cx, cy]];
  for (let i = -3; i <= 3; i++) {
    for (let j = -3; j <= 3; j++) if (i || j) points.push([cx + i * 12, cy + j * 12]);
  }
  return points;
}

export async function pickStages(page: Page, stages: TStage[]) {
  await page.getByTestId('filter-stage').locator('.t-select, .t-input').first().click();
  for (const s of stages) {
    await page.locator('.t-popup:visible .t-select-option').filter({ hasText: s }).first().click();
  }
  await page.keyboard.press('Escape');
  // Close the options list by clicking beside it (not on the map).
  await page.getByTestId('view-stats').locator('header').click();
  await expect(page.locator('.t-popup:visible .t-select-option')).toHaveCount(0);
}

/** Chooses a district in the filter bar's 区县 list. */
export async function pickDistrict(page: Page, name: string) {
  await page.locator('.lr-map-filters .t-select', { has: page.locator('input[placeholder="区县"]') }).click();
  await page.locator('.t-popup:visible .t-select-option').filter({ hasText: name }).first().click();
  await expect(page.locator('.t-popup:visible .t-select-option')).toHaveCount(0);
}

/** Types into the map's search box key by key and opens the first hit; returns its text. */
export async function searchAndOpen(page: Page, text: string): Promise<string> {
  const input = page.getByTestId('map-search').locator('input');
  await input.click();
  await input.pressSequentially(text);
  const first = page.getByRole('option').first();
  await expect(first).toBeVisible();
  const hit = await first.innerText();
  await first.click();
  return hit;
}

/** Centre and zoom as the URL keeps them (`c`, `z`); null while the URL has none. */
export function viewOf(url: string): { lon: number; lat: number; zoom: number } | null {
  const p = new URL(url).searchParams;
  const c = p.get('c');
  const z = p.get('z');
  if (!c || !z) return null;
  const [lon, lat] = c.split(',').map(Number);
  return { lon, lat, zoom: Number(z) };
}

const worldX = (lon: number) => (lon + 180) / 360;
const worldY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

/** Where lon/lat falls on a map of `size` CSS px showing `view`: Web Mercator, 512 px tiles, as maplibre draws. */
export function projectOnMap(view: { lon: number; lat: number; zoom: number }, size: { width: number; height: number }) {
  const scale = 512 * 2 ** view.zoom;
  return (lon: number, lat: number): [number, number] => [
    (worldX(lon) - worldX(view.lon)) * scale + size.width / 2,
    (worldY(lat) - worldY(view.lat)) * scale + size.height / 2,
  ];
}

/** The centre of a demo parcel in 赫山区 (found by search, so the tests follow the demo data), as `c=lon,lat`. */
export async function demoParcelCentre(page: Page): Promise<string> {
  const res = await page.request.get('/api/map/search?q=430903');
  const { hits } = (await res.json()) as { hits: { bbox: { minLon: number; minLat: number; maxLon: number; maxLat: number } | null }[] };
  const bbox = hits.find((h) => h.bbox)!.bbox!;
  return `${((bbox.minLon + bbox.maxLon) / 2).toFixed(5)},${((bbox.minLat + bbox.maxLat) / 2).toFixed(5)}`;
}
