import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/modules/map/components/export-png';

/* The exported image's filter line: wrapped to the image's width, after a 「；」 where one fits. */

const measure = (s: string) => s.length * 10;

describe('the filter line of the exported image', () => {
  it('keeps a line that fits whole', () => {
    expect(wrapText('筛选：环节 已入库', 200, measure)).toEqual(['筛选：环节 已入库']);
  });

  it('breaks a long line after a 「；」, else at any character', () => {
    expect(wrapText('筛选：环节 已入库；区县 赫山区；仅看预警', 150, measure)).toEqual(['筛选：环节 已入库；', '区县 赫山区；仅看预警']);
    expect(wrapText('项目甲乙丙丁戊己庚辛', 35, measure)).toEqual(['项目甲', '乙丙丁', '戊己庚', '辛']);
    expect(wrapText('', 35, measure)).toEqual([]);
  });
});
