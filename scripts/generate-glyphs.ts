/**
 * Generates the map's SDF glyph files (public/map/glyphs/{fontstack}/{start}-{end}.pbf) from a
 * TrueType font, so the battle map (/map) needs no outside resource for its labels.
 *
 *   npx tsx scripts/generate-glyphs.ts [--font /path/to/font.ttf] [--name DejaVuSans] [--out public/map/glyphs]
 *
 * Only Latin, digits and punctuation are generated (the ranges in RANGES): Chinese text is drawn
 * by maplibre itself from the system's CJK fonts (`localIdeographFontFamily`), so no CJK glyph
 * files are needed. The output is deterministic; the .pbf files are committed.
 *
 * Format: the glyphs protobuf MapLibre/Mapbox read (glyphs { fontstack { name, range, glyph* } },
 * glyph { id, bitmap, width, height, left, top, advance }). Metrics at 24 px, a 3 px buffer around
 * each bitmap, a signed distance field of radius 8 px with cutoff 0.25 (the values every MapLibre
 * glyph server uses: the edge of a shape is the byte value 192), `top` relative to a baseline 25 px
 * below the top of the em box as MapLibre's shaping expects.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const FONT_SIZE = 24;
const BUFFER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** MapLibre's shaping places the baseline this far below the top of a 24 px line. */
const BASELINE = 25;
/** Ranges of 256 codepoints to generate: Basic Latin + Latin-1, Latin Extended-A, general punctuation. */
const RANGES = [0, 256, 8192] as const;

/** The small part of opentype.js this script uses (the package ships no type declarations). */
interface PathCommand {
  type: 'M' | 'L' | 'Q' | 'C' | 'Z';
  x?: number;
  y?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}
interface OtGlyph {
  index: number;
  advanceWidth?: number;
  getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
}
interface OtFont {
  unitsPerEm: number;
  charToGlyph(char: string): OtGlyph;
}
interface OpenType {
  parse(buffer: ArrayBuffer): OtFont;
}

type Point = [number, number];
type Segment = [number, number, number, number];

interface SdfGlyph {
  id: number;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
  /** (width + 2·BUFFER) × (height + 2·BUFFER) bytes, rows top to bottom; empty for a blank glyph. */
  bitmap: Uint8Array;
}

/** Flattens the outline (y down, as opentype.js gives it) into closed rings in y-up coordinates. */
function ringsOf(commands: readonly PathCommand[]): Point[][] {
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let cx = 0;
  let cy = 0;
  const close = () => {
    if (ring.length > 2) {
      const [fx, fy] = ring[0];
      const [lx, ly] = ring[ring.length - 1];
      if (fx !== lx || fy !== ly) ring.push([fx, fy]);
      rings.push(ring);
    }
    ring = [];
  };
  const to = (x: number, y: number) => {
    ring.push([x, -y]);
    cx = x;
    cy = y;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      close();
      to(c.x!, c.y!);
    } else if (c.type === 'L') {
      to(c.x!, c.y!);
    } else if (c.type === 'Q') {
      const [x0, y0] = [cx, cy];
      const steps = 8;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        to(u * u * x0 + 2 * u * t * c.x1! + t * t * c.x!, u * u * y0 + 2 * u * t * c.y1! + t * t * c.y!);
      }
    } else if (c.type === 'C') {
      const [x0, y0] = [cx, cy];
      const steps = 12;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        to(
          u * u * u * x0 + 3 * u * u * t * c.x1! + 3 * u * t * t * c.x2! + t * t * t * c.x!,
          u * u * u * y0 + 3 * u * u * t * c.y1! + 3 * u * t * t * c.y2! + t * t * t * c.y!,
        );
      }
    } else if (c.type === 'Z') {
      close();
    }
  }
  close();
  return rings;
}

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = x1 + t * dx - px;
  const ey = y1 + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** Non-zero winding rule (TrueType outlines). */
function inside(px: number, py: number, segments: readonly Segment[]): boolean {
  let winding = 0;
  for (const [x1, y1, x2, y2] of segments) {
    if (y1 <= py) {
      if (y2 > py && (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1) > 0) winding++;
    } else if (y2 <= py && (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1) < 0) {
      winding--;
    }
  }
  return winding !== 0;
}

/** One glyph's signed distance field and metrics at FONT_SIZE. */
function renderGlyph(font: OtFont, codepoint: number): SdfGlyph | null {
  const glyph = font.charToGlyph(String.fromCodePoint(codepoint));
  if (!glyph || glyph.index === 0) return null;
  const advance = Math.round(((glyph.advanceWidth ?? 0) * FONT_SIZE) / font.unitsPerEm);
  const rings = ringsOf(glyph.getPath(0, 0, FONT_SIZE).commands);
  const blank: SdfGlyph = { id: codepoint, width: 0, height: 0, left: 0, top: -BASELINE, advance, bitmap: new Uint8Array(0) };
  if (rings.length === 0) return blank;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const left = Math.round(minX);
  const bottom = Math.round(minY);
  const right = Math.round(maxX);
  const top = Math.round(maxY);
  const width = right - left;
  const height = top - bottom;
  if (width <= 0 || height <= 0) return blank;

  const segments: Segment[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) segments.push([ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]]);
  }
  const w = width + 2 * BUFFER;
  const h = height + 2 * BUFFER;
  const bitmap = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    // Row 0 is the top of the bitmap; glyph space is y up.
    const py = top + BUFFER - row - 0.5;
    for (let col = 0; col < w; col++) {
      const px = left - BUFFER + col + 0.5;
      let d = Infinity;
      for (const s of segments) d = Math.min(d, distanceToSegment(px, py, s));
      let v = Math.min(d, RADIUS) * (256 / RADIUS);
      if (inside(px, py, segments)) v = -v;
      v += CUTOFF * 256;
      const n = Math.max(0, Math.min(255, Math.trunc(v)));
      bitmap[row * w + col] = 255 - n;
    }
  }
  return { id: codepoint, width, height, left, top: top - BASELINE, advance, bitmap };
}

/* Minimal protobuf writer: varints, zigzag, length-delimited fields. */
class ProtoWriter {
  private bytes: number[] = [];
  varint(value: number): this {
    let v = value >>> 0;
    while (v > 0x7f) {
      this.bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.bytes.push(v);
    return this;
  }
  tag(field: number, wireType: number): this {
    return this.varint((field << 3) | wireType);
  }
  uint32(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }
  sint32(field: number, value: number): this {
    return this.tag(field, 0).varint(((value << 1) ^ (value >> 31)) >>> 0);
  }
  bytesField(field: number, data: Uint8Array | readonly number[]): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function encodeGlyphRange(fontstack: string, start: number, glyphs: readonly SdfGlyph[]): Uint8Array {
  const stack = new ProtoWriter().string(1, fontstack).string(2, `${start}-${start + 255}`);
  for (const g of glyphs) {
    const msg = new ProtoWriter().uint32(1, g.id);
    if (g.bitmap.length > 0) msg.bytesField(2, g.bitmap);
    msg.uint32(3, g.width).uint32(4, g.height).sint32(5, g.left).sint32(6, g.top).uint32(7, g.advance);
    stack.bytesField(3, msg.finish());
  }
  return new ProtoWriter().bytesField(1, stack.finish()).finish();
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function main() {
  const fontPath = argument('font', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');
  const name = argument('name', 'DejaVuSans');
  const outDir = resolve(argument('out', 'public/map/glyphs'), name);
  const opentype = createRequire(import.meta.url)('opentype.js') as OpenType;
  const file = readFileSync(fontPath);
  const font = opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  mkdirSync(outDir, { recursive: true });
  for (const start of RANGES) {
    const glyphs: SdfGlyph[] = [];
    for (let cp = start; cp < start + 256; cp++) {
      const g = renderGlyph(font, cp);
      if (g) glyphs.push(g);
    }
    const target = join(outDir, `${start}-${start + 255}.pbf`);
    const data = encodeGlyphRange(name, start, glyphs);
    writeFileSync(target, data);
    console.log(`${target}: ${glyphs.length} 个字形，${data.length} 字节`);
  }
}

main();
