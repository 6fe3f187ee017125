import { describe, expect, it } from 'vitest';
import { isRetentionExpired, lastExpiredYear, retentionEndYear } from '../../src/modules/archives/retention-rule';
import { buildManifest, problemList, safeSegment, uniqueName, xmlEscape } from '../../src/modules/archives/transfer-manifest';

describe('保管期限到期规则（期限自文件形成次年 1 月 1 日起算）', () => {
  it('a 30年 item of 2000 runs 2001–2030 and is due for appraisal from 2031', () => {
    expect(retentionEndYear(2000, '30年')).toBe(2030);
    expect(isRetentionExpired(2000, '30年', 2030)).toBe(false);
    expect(isRetentionExpired(2000, '30年', 2031)).toBe(true);
  });
  it('10年 likewise; 永久 never; an unknown period never', () => {
    expect(retentionEndYear(2015, '10年')).toBe(2025);
    expect(isRetentionExpired(2015, '10年', 2025)).toBe(false);
    expect(isRetentionExpired(2015, '10年', 2026)).toBe(true);
    expect(retentionEndYear(1950, '永久')).toBeNull();
    expect(isRetentionExpired(1950, '永久', 2999)).toBe(false);
    expect(isRetentionExpired(1950, '5年', 2999)).toBe(false);
  });
  it('the SQL bound agrees with the rule', () => {
    for (const n of [10, 30]) {
      const y = lastExpiredYear(n, 2026);
      expect(isRetentionExpired(y, `${n}年`, 2026)).toBe(true);
      expect(isRetentionExpired(y + 1, `${n}年`, 2026)).toBe(false);
    }
  });
});

describe('移交包命名', () => {
  it('keeps 档号 as they are (·, -), replaces only path separators and control characters', () => {
    expect(safeSegment('Z001-WS·2026-Y-0001')).toBe('Z001-WS·2026-Y-0001');
    expect(safeSegment('a/b\\c')).toBe('a_b_c');
    expect(safeSegment('..')).toBe('_');
    expect(safeSegment('a\u0000b')).toBe('a_b');
  });
  it('de-duplicates names in a folder, case-insensitively, keeping the extension', () => {
    const used = new Set<string>();
    expect(['正文.pdf', '正文.pdf', '正文.PDF', 'scan', 'scan'].map((n) => uniqueName(n, used))).toEqual(['正文.pdf', '正文 (2).pdf', '正文 (3).PDF', 'scan', 'scan (2)']);
  });
});

describe('移交包清单', () => {
  const input = {
    generatedAt: new Date('2026-12-07T08:00:00Z'),
    generatedBy: { username: 'dag', displayName: '档案员<甲>' },
    fondsCode: 'J012',
    archives: [{ ownerType: '项目', ownerCode: 'XM-01', title: 'XM-01 项目档案 & 附件', folder: 'XM-01', itemCount: 2 }],
    itemCount: 2,
    files: [
      { path: 'XM-01/J012-WS·2026-Y-0001/正文.pdf', archiveNo: 'J012-WS·2026-Y-0001', fileName: '正文.pdf', sizeBytes: 10, sm3: 'a'.repeat(64) },
      { path: 'XM-01/J012-WS·2026-Y-0002/"引号".pdf', archiveNo: 'J012-WS·2026-Y-0002', fileName: '"引号".pdf', sizeBytes: 5, sm3: 'b'.repeat(64) },
    ],
    problems: [{ archiveNo: 'J012-WS·2026-Y-0003', fileName: '坏.pdf', sm3: 'c'.repeat(64), problem: '摘要不符' }],
  };
  it('JSON: metadata, every file with path, size and SM3, the problems', () => {
    const m = JSON.parse(buildManifest(input).json);
    expect(m).toMatchObject({ 全宗号: 'J012', 生成时间: '2026-12-07T08:00:00.000Z', 摘要算法: 'SM3', 文件数: 2, 总字节数: 15, 条目数: 2 });
    expect(m.文件[0]).toEqual({ 路径: 'XM-01/J012-WS·2026-Y-0001/正文.pdf', 档号: 'J012-WS·2026-Y-0001', 文件名: '正文.pdf', 字节数: 10, SM3: 'a'.repeat(64) });
    expect(m.问题).toHaveLength(1);
  });
  it('XML: the same content, escaped', () => {
    const { xml } = buildManifest(input);
    expect(xml).toContain('<全宗号>J012</全宗号>');
    expect(xml).toContain('<生成人 账号="dag">档案员&lt;甲&gt;</生成人>');
    expect(xml).toContain('路径="XM-01/J012-WS·2026-Y-0002/&quot;引号&quot;.pdf"');
    expect(xml).toContain('总字节数="15"');
    expect(xml).toContain(`SM3="${'b'.repeat(64)}"`);
    expect(xml).toContain('<问题 档号="J012-WS·2026-Y-0003"');
    expect(xmlEscape('a\u0001b&')).toBe('ab&amp;');
  });
  it('问题清单 lists each file left out', () => {
    const text = problemList(input.problems, input.generatedAt);
    expect(text).toContain('1. 档号 J012-WS·2026-Y-0003');
    expect(text).toContain('坏.pdf');
  });
});
