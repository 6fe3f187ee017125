import { describe, expect, it } from 'vitest';
import { checkParts } from '../../src/platform/geo/import/rings';
import type { SourcePart, XY } from '../../src/platform/geo/import/types';

const square = (x: number, y: number, size: number): XY[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

function part(...rings: XY[][]): SourcePart {
  return { rings: rings.map((points, k) => ({ label: k === 0 ? '外环' : `第 ${k} 个内环`, points })) };
}

describe('ring checks', () => {
  const cases: [name: string, parts: SourcePart[], expected: string[]][] = [
    ['a valid square', [part(square(0, 0, 10))], []],
    ['a valid polygon with a hole', [part(square(0, 0, 10), square(2, 2, 3))], []],
    ['a hole touching the outer ring at one vertex (allowed)', [part(square(0, 0, 10), [[0, 0], [3, 1], [1, 3], [0, 0]])], []],
    [
      'an unclosed ring',
      [part([[0, 0], [10, 0], [10, 10], [0, 10]])],
      ['外环未闭合：首点（第 1 个点）与末点（第 4 个点）坐标不同，最后一个点必须与第一个点相同'],
    ],
    [
      'a bow-tie',
      [part([[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]])],
      ['外环自相交：第 1–2 个点之间的边与第 3–4 个点之间的边相交'],
    ],
    [
      'a figure eight touching itself at a vertex',
      [part([[0, 0], [4, 0], [5, 5], [6, 0], [10, 0], [10, 10], [5, 5], [0, 10], [0, 0]])],
      ['外环自相交：第 2–3 个点之间的边与第 7–8 个点之间的边相交'],
    ],
    ['a hole outside the outer ring', [part(square(0, 0, 10), square(20, 20, 3))], ['第 1 个内环不在外环之内（内环必须位于外环内部）']],
    ['a hole crossing the outer ring', [part(square(0, 0, 10), square(8, 8, 5))], ['外环与第 1 个内环相交']],
    ['nested holes', [part(square(0, 0, 10), square(1, 1, 8), square(2, 2, 2))], ['第 1 个内环与第 2 个内环重叠（内环之间不能相互包含）']],
    [
      'repeated consecutive points',
      [part([[0, 0], [10, 0], [10, 0], [10, 10], [0, 10], [0, 0]])],
      ['外环有重复的相邻点：第 3 个点与前一个点坐标相同'],
    ],
    [
      'the closing point repeated',
      [part([[0, 0], [10, 0], [10, 10], [0, 0], [0, 0]])],
      ['外环有重复的相邻点：第 5 个点与前一个点坐标相同'],
    ],
    ['too few points', [part([[0, 0], [10, 0], [0, 0]])], ['外环点数不足：至少需要 3 个不同的点（首尾闭合后 4 个），实际只有 2 个']],
    ['zero area', [part([[0, 0], [5, 0], [10, 0], [0, 0]])], ['外环面积为零（所有点在一条直线上）']],
    ['a spike doubling back', [part([[0, 0], [10, 0], [10, 10], [10, 5], [0, 10], [0, 0]])], ['外环在第 3 个点处折返（前后两条边重叠）']],
    [
      'overlapping parts',
      [
        { rings: [{ label: '第 1 部分的外环', points: square(0, 0, 10) }] },
        { rings: [{ label: '第 2 部分的外环', points: square(2, 2, 3) }] },
      ],
      ['第 1 部分的外环与第 2 部分的外环重叠（同一地块的各部分不能相互覆盖）'],
    ],
    [
      'an island inside another part’s hole (allowed)',
      [
        { rings: [{ label: '第 1 部分的外环', points: square(0, 0, 10) }, { label: '第 1 部分的第 1 个内环', points: square(2, 2, 6) }] },
        { rings: [{ label: '第 2 部分的外环', points: square(3, 3, 2) }] },
      ],
      [],
    ],
  ];

  it.each(cases)('%s', (_name, parts, expected) => {
    expect(checkParts(parts)).toEqual(expected);
  });

  it('names points by their 点号 when the ring carries labels', () => {
    const problems = checkParts([
      { rings: [{ label: '第 1 圈', points: [[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]], pointLabels: ['J1', 'J2', 'J3', 'J4', 'J1'] }] },
    ]);
    expect(problems).toEqual(['第 1 圈自相交：J1–J2 边与J3–J4 边相交']);
  });

  it('checks a 20 000-vertex ring quickly', () => {
    const ring: XY[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = (2 * Math.PI * i) / 20_000;
      ring.push([112.35 + 0.01 * Math.cos(a), 28.55 + 0.01 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    const started = performance.now();
    expect(checkParts([part(ring)])).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
