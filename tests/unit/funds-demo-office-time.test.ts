import { describe, expect, it } from 'vitest';
import { addOfficeMinutes } from '../../src/modules/funds/demo/common';
import { formatDateTime } from '../../src/ui/format';

const at = (s: string) => new Date(`${s}+08:00`).getTime();
const shown = (ms: number) => formatDateTime(new Date(ms));

describe('demo office time (08:30–17:30 Asia/Shanghai)', () => {
  it.each([
    ['2026-03-02T09:00:00', 30, '2026-03-02 09:30:00'],
    ['2026-03-02T17:00:00', 30, '2026-03-02 17:30:00'],
    ['2026-03-02T17:00:00', 90, '2026-03-03 09:30:00'],
    ['2026-03-02T07:10:00', 20, '2026-03-02 08:50:00'],
    ['2026-03-02T21:40:00', 15, '2026-03-03 08:45:00'],
    ['2026-03-02T10:00:00', 540 + 60, '2026-03-03 11:00:00'],
    ['2026-03-02T14:37:00', 1200, '2026-03-04 16:37:00'],
  ])('%s + %i office minutes is %s', (from, minutes, expected) => {
    expect(shown(addOfficeMinutes(at(from), minutes))).toBe(expected);
  });
});
