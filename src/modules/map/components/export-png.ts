'use client';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { STAGES } from '@/modules/parcels/stages';
import { STAGE_COLORS, WARNING_COLORS } from '../tiles/colors';

/** What the exported image says besides the map: the active filters and, when it holds none of their parcels, that. */
export interface ExportNotes {
  /** 「筛选：…」 under the title; null without an active filter. */
  filters: string | null;
  /** Said over the map when the view holds no parcel the filters keep; null otherwise. */
  empty: string | null;
}

/** Metres per CSS pixel at the map centre (Web Mercator). */
function metresPerPixel(map: MaplibreMap): number {
  const lat = map.getCenter().lat;
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
}

/** A round scale-bar length (1, 2 or 5 × 10^n metres) no longer than `maxMetres`. */
function niceMetres(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= maxMetres) ?? p;
}

/**
 * Splits a line to fit `width` as measured: after a 「；」 where one fits, else at any character
 * (Chinese has no spaces to break at).
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest && measure(rest) > width) {
    let cut = rest.length - 1;
    while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
    const semicolon = rest.lastIndexOf('；', cut - 1);
    if (semicolon > 0) cut = semicolon + 1;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) lines.push(rest);
  return lines;
}

/**
 * The view as a PNG: title, the active filters under it, the map (with a notice when it holds
 * nothing the filters keep), legend, north arrow, scale bar and date. The map canvas is read
 * inside a render event, so no preserveDrawingBuffer is needed.
 */
export async function exportMapPng(map: MaplibreMap, title: string, today: string, notes: ExportNotes): Promise<Blob> {
  const shot = await new Promise<HTMLCanvasElement>((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
  const ratio = shot.width / map.getCanvas().clientWidth || 1;
  const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px * ratio}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  const out = document.createElement('canvas');
  const g = out.getContext('2d')!;
  // The filter line may wrap: measure it before the canvas is sized.
  g.font = font(13);
  const filterLines = notes.filters ? wrapText(notes.filters, shot.width - 32 * ratio, (s) => g.measureText(s).width) : [];
  const lineHeight = 20 * ratio;
  const head = 56 * ratio + filterLines.length * lineHeight;
  const foot = 40 * ratio;
  out.width = shot.width;
  out.height = shot.height + head + foot;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#1f2329';
  g.font = font(20, true);
  g.textAlign = 'center';
  g.fillText(title, out.width / 2, 36 * ratio);
  g.fillStyle = '#4b5565';
  g.font = font(13);
  filterLines.forEach((line, i) => g.fillText(line, out.width / 2, 36 * ratio + (i + 1) * lineHeight + 4 * ratio));
  g.drawImage(shot, 0, head);
  if (notes.empty) {
    // In the middle of the (empty) map, on a white box.
    g.font = font(16, true);
    const w = g.measureText(notes.empty).width + 40 * ratio;
    const h = 44 * ratio;
    const cx = out.width / 2;
    const cy = head + shot.height / 2;
    g.fillStyle = 'rgba(255,255,255,0.95)';
    g.strokeStyle = '#c5cbd4';
    g.lineWidth = 1 * ratio;
    g.fillRect(cx - w / 2, cy - h / 2, w, h);
    g.strokeRect(cx - w / 2, cy - h / 2, w, h);
    g.fillStyle = '#1f2329';
    g.textAlign = 'center';
    g.fillText(notes.empty, cx, cy + 6 * ratio);
  }
  // Legend, lower left over the map.
  const items: [string, string, boolean][] = [...STAGES.map((s): [string, string, boolean] => [s, STAGE_COLORS[s], false]), ['红色预警', WARNING_COLORS.red, true], ['黄色预警', WARNING_COLORS.amber, true]];
  const row = 18 * ratio;
  const lx = 12 * ratio;
  const ly = head + shot.height - (items.length * row + 30 * ratio);
  g.fillStyle = 'rgba(255,255,255,0.92)';
  g.fillRect(lx - 6 * ratio, ly - 6 * ratio, 120 * ratio, items.length * row + 32 * ratio);
  g.textAlign = 'left';
  g.fillStyle = '#1f2329';
  g.font = font(13, true);
  g.fillText('图例', lx, ly + 12 * ratio);
  g.font = font(12);
  items.forEach(([label, color, outline], i) => {
    const y = ly + 22 * ratio + i * row;
    if (outline) {
      g.strokeStyle = color;
      g.lineWidth = 2 * ratio;
      g.strokeRect(lx + 1 * ratio, y + 1 * ratio, 12 * ratio, 12 * ratio);
    } else {
      g.fillStyle = color;
      g.fillRect(lx, y, 14 * ratio, 14 * ratio);
    }
    g.fillStyle = '#1f2329';
    g.fillText(label, lx + 20 * ratio, y + 12 * ratio);
  });
  // North arrow, upper right of the map (the map is never rotated: dragRotate is off).
  const nx = out.width - 36 * ratio;
  const ny = head + 16 * ratio;
  g.fillStyle = '#1f2329';
  g.beginPath();
  g.moveTo(nx, ny);
  g.lineTo(nx + 10 * ratio, ny + 28 * ratio);
  g.lineTo(nx, ny + 22 * ratio);
  g.lineTo(nx - 10 * ratio, ny + 28 * ratio);
  g.closePath();
  g.fill();
  g.font = font(13, true);
  g.textAlign = 'center';
  g.fillText('北', nx, ny + 46 * ratio);
  // Scale bar and date in the footer.
  const mpp = metresPerPixel(map);
  const metres = niceMetres(mpp * 150);
  const barPx = (metres / mpp) * ratio;
  const by = head + shot.height + 24 * ratio;
  g.strokeStyle = '#1f2329';
  g.lineWidth = 2 * ratio;
  g.beginPath();
  g.moveTo(16 * ratio, by - 6 * ratio);
  g.lineTo(16 * ratio, by);
  g.lineTo(16 * ratio + barPx, by);
  g.lineTo(16 * ratio + barPx, by - 6 * ratio);
  g.stroke();
  g.textAlign = 'left';
  g.font = font(12);
  g.fillText(metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`, 24 * ratio + barPx, by);
  g.textAlign = 'right';
  g.fillText(`制图日期：${today}  益阳市土地储备发展中心`, out.width - 16 * ratio, by);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('无法生成图片'))), 'image/png'));
}
