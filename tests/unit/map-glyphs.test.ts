import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT_STACK } from '../../src/modules/map/style';

/*
 * The committed SDF glyph files (scripts/generate-glyphs.ts) decode as MapLibre reads them and
 * hold real distance fields: the map's labels need them, offline.
 */

interface Glyph {
  id: number;
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

function reader(buf: Uint8Array) {
  let p = 0;
  const r = {
    eof: () => p >= buf.length,
    varint(): number {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = buf[p++];
        v += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return v;
    },
    bytes(): Uint8Array {
      const n = r.varint();
      const out = buf.subarray(p, p + n);
      p += n;
      return out;
    },
  };
  return r;
}

function decode(file: string): { name: string; range: string; glyphs: Glyph[] } {
  const top = reader(new Uint8Array(readFileSync(file)));
  let name = '';
  let range = '';
  const glyphs: Glyph[] = [];
  while (!top.eof()) {
    expect(top.varint()).toBe((1 << 3) | 2);
    const stack = reader(top.bytes());
    while (!stack.eof()) {
      const field = stack.varint() >> 3;
      if (field === 1) name = new TextDecoder().decode(stack.bytes());
      else if (field === 2) range = new TextDecoder().decode(stack.bytes());
      else {
        expect(field).toBe(3);
        const g = reader(stack.bytes());
        const glyph: Partial<Glyph> = {};
        while (!g.eof()) {
          const f = g.varint() >> 3;
          if (f === 2) glyph.bitmap = g.bytes();
          else {
            let v = g.varint();
            if (f === 5 || f === 6) v = (v >>> 1) ^ -(v & 1);
            const key = (['', 'id', '', 'width', 'height', 'left', 'top', 'advance'] as const)[f] as keyof Glyph;
            (glyph as Record<string, number>)[key] = v;
          }
        }
        glyphs.push(glyph as Glyph);
      }
    }
  }
  return { name, range, glyphs };
}

const DIR = `public/map/glyphs/${FONT_STACK}`;

describe('map glyphs', () => {
  it.each(['0-255', '256-511', '8192-8447'])('range %s decodes with its font stack name and range', (range) => {
    const file = decode(`${DIR}/${range}.pbf`);
    expect(file.name).toBe(FONT_STACK);
    expect(file.range).toBe(range);
    expect(file.glyphs.length).toBeGreaterThan(100);
    const [start, end] = range.split('-').map(Number);
    for (const g of file.glyphs) {
      expect(g.id).toBeGreaterThanOrEqual(start);
      expect(g.id).toBeLessThanOrEqual(end);
      if (g.width > 0) expect(g.bitmap?.length).toBe((g.width + 6) * (g.height + 6));
    }
  });

  it('covers digits, Latin letters and the punctuation of parcel codes', () => {
    const ids = new Set(decode(`${DIR}/0-255.pbf`).glyphs.map((g) => g.id));
    for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_/.()# ') expect(ids.has(ch.codePointAt(0)!), ch).toBe(true);
  });

  it('holds signed distance fields: inside the stroke of "I" above the edge value, the border empty, a blank space', () => {
    const glyphs = decode(`${DIR}/0-255.pbf`).glyphs;
    const I = glyphs.find((g) => g.id === 'I'.codePointAt(0))!;
    const w = I.width + 6;
    const h = I.height + 6;
    const at = (x: number, y: number) => I.bitmap![y * w + x];
    // The vertical stem runs through the middle of the bitmap.
    expect(at(Math.floor(w / 2), Math.floor(h / 2))).toBeGreaterThanOrEqual(192);
    expect(at(0, 0)).toBeLessThan(192);
    expect(I.top).toBeLessThan(0);
    expect(I.advance).toBeGreaterThan(I.width);
    const space = glyphs.find((g) => g.id === 32)!;
    expect(space.width).toBe(0);
    expect(space.bitmap).toBeUndefined();
    expect(space.advance).toBeGreaterThan(0);
  });
});
