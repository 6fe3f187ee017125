import { describe, expect, it } from 'vitest';
import {
  archiveSeries,
  archiveTemplateProblem,
  codeProblem,
  DEFAULT_ARCHIVE_NO_TEMPLATE,
  DEFAULT_CLASS_CODE,
  DEFAULT_FONDS_CODE,
  formatArchiveNo,
  MAX_TEMPLATE_LENGTH,
  parseArchiveTemplate,
  type ArchiveNoInput,
} from '../../src/modules/archives/numbering';

const input = (extra: Partial<ArchiveNoInput> = {}): ArchiveNoInput => ({ fonds: DEFAULT_FONDS_CODE, classCode: DEFAULT_CLASS_CODE, year: 2026, retention: '永久', ...extra });

describe('档号 rule (DA/T 22-2015 §9.1)', () => {
  it('the default template gives 全宗号-门类代码·年度-保管期限代码-件号, the series without the 件号', () => {
    expect(formatArchiveNo(DEFAULT_ARCHIVE_NO_TEMPLATE, input(), 1)).toEqual({ series: 'Z001-WS·2026-Y-', archiveNo: 'Z001-WS·2026-Y-0001' });
    expect(formatArchiveNo(DEFAULT_ARCHIVE_NO_TEMPLATE, input({ retention: '30年' }), 12).archiveNo).toBe('Z001-WS·2026-D30-0012');
    expect(formatArchiveNo(DEFAULT_ARCHIVE_NO_TEMPLATE, input({ retention: '10年', year: 2027 }), 3).archiveNo).toBe('Z001-WS·2027-D10-0003');
    expect(archiveSeries(DEFAULT_ARCHIVE_NO_TEMPLATE, input())).toBe('Z001-WS·2026-Y-');
  });

  it('pads the 件号 to {seq:N} digits ({seq} alone is 4) and never cuts a longer one', () => {
    expect(formatArchiveNo('{fonds}-{year}-{retention}-{seq:6}', input(), 42).archiveNo).toBe('Z001-2026-Y-000042');
    expect(formatArchiveNo('{fonds}-{year}-{retention}-{seq}', input(), 42).archiveNo).toBe('Z001-2026-Y-0042');
    expect(formatArchiveNo('{fonds}-{year}-{retention}-{seq:1}', input(), 12345).archiveNo).toBe('Z001-2026-Y-12345');
  });

  it('{dept} puts the 机构代码 in the number and the series (each department counts from 1)', () => {
    const t = '{fonds}-{class}·{year}-{retention}-{dept}-{seq:4}';
    expect(formatArchiveNo(t, input({ dept: 'BGS' }), 7)).toEqual({ series: 'Z001-WS·2026-Y-BGS-', archiveNo: 'Z001-WS·2026-Y-BGS-0007' });
    expect(archiveSeries(t, input({ dept: 'CBK' }))).not.toBe(archiveSeries(t, input({ dept: 'BGS' })));
    // The department is ignored by a template without {dept}.
    expect(formatArchiveNo(DEFAULT_ARCHIVE_NO_TEMPLATE, input({ dept: 'BGS' }), 1).archiveNo).toBe('Z001-WS·2026-Y-0001');
  });

  it('accepts good templates', () => {
    for (const t of [DEFAULT_ARCHIVE_NO_TEMPLATE, '{fonds}-{year}-{retention}-{seq:4}', '{fonds}·{class}·{year}·{retention}·{dept}·{seq:3}', 'TD{fonds}-{year}-{retention}-{seq}']) {
      expect(archiveTemplateProblem(t), t).toBeNull();
    }
  });

  it('refuses each kind of bad template with a Chinese reason', () => {
    const cases: [string, string][] = [
      ['', '请填写档号规则'],
      ['   ', '请填写档号规则'],
      [` ${DEFAULT_ARCHIVE_NO_TEMPLATE}`, '首尾不能有空格'],
      [`${'X'.repeat(MAX_TEMPLATE_LENGTH)}{fonds}-{year}-{retention}-{seq}`, `不能超过 ${MAX_TEMPLATE_LENGTH} 个字符`],
      ['{fonds}/{year}-{retention}-{seq}', '不能包含控制字符或斜杠'],
      ['{fonds}\\{year}-{retention}-{seq}', '不能包含控制字符或斜杠'],
      ['{fonds}-{year}\t-{retention}-{seq}', '不能包含控制字符或斜杠'],
      ['{fonds}-{year-{retention}-{seq}', '「{year-{retention}」无法识别'],
      ['{fonds}-{year}-{retention}-{seq', '「{」没有对应的「}」'],
      ['{fonds}-{year}}-{retention}-{seq}', '「}」没有对应的「{」'],
      ['{fonds}-{yaer}-{retention}-{seq}', '「{yaer}」无法识别'],
      ['{fonds}-{year}-{retention}-{seq:9}', '「{seq:9}」无法识别'],
      ['{fonds}-{year}-{retention}', '须包含件号 {seq:4}'],
      ['{fonds}-{year}-{retention}-{seq}-{seq}', '只能包含一个件号'],
      ['{seq}-{fonds}-{year}-{retention}', '件号 {seq:4} 须在档号规则的最后'],
      ['{fonds}-{year}-{retention}-{seq}号', '件号 {seq:4} 须在档号规则的最后'],
      ['{class}-{year}-{retention}-{seq}', '须包含全宗号 {fonds}'],
      ['{fonds}-{retention}-{seq}', '须包含年度 {year}'],
      ['{fonds}-{year}-{seq}', '须包含保管期限代码 {retention}'],
      ['{fonds}-{fonds}-{year}-{retention}-{seq}', '只能包含一个全宗号 {fonds}'],
      ['{fonds}-{class}-{class}-{year}-{retention}-{seq}', '每个占位符只能出现一次'],
      ['{fonds}-{dept}-{dept}-{year}-{retention}-{seq}', '每个占位符只能出现一次'],
      ['{fonds}{class}-{year}-{retention}-{seq}', '相邻的占位符之间须有分隔符'],
      ['{fonds}-{year}-{retention}{seq}', '相邻的占位符之间须有分隔符'],
    ];
    for (const [template, reason] of cases) {
      const parsed = parseArchiveTemplate(template);
      expect(parsed.parts, template).toBeNull();
      expect(parsed.problem, template).toContain(reason);
      expect(parsed.problem, template).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('formatArchiveNo refuses a bad template (templates are checked when saved)', () => {
    expect(() => formatArchiveNo('{fonds}-{year}', input(), 1)).toThrow(/须包含/);
  });

  it('全宗号 / 门类代码 / 机构代码: letters and digits only, required unless optional', () => {
    expect(codeProblem('全宗号', 'Z001', { max: 8 })).toBeNull();
    expect(codeProblem('全宗号', '', { max: 8 })).toBe('请填写全宗号');
    expect(codeProblem('机构代码', '', { max: 8, optional: true })).toBeNull();
    expect(codeProblem('全宗号', 'Z0010000X', { max: 8 })).toBe('全宗号不能超过 8 个字符');
    expect(codeProblem('门类代码', 'W-S', { max: 4 })).toBe('门类代码只能由字母和数字组成');
    expect(codeProblem('门类代码', '文书', { max: 4 })).toBe('门类代码只能由字母和数字组成');
  });
});
