import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCalendarDate, parseListFilter, zChoice, zFilterDate, zFilterPage, zFilterText, zOptionalText, zText } from '../../src/platform/validation';
import { ZAuditFilter } from '../../src/modules/audit-log/queries';

/* 等保 8.1.4 入侵防范: control characters never get into the system; impossible dates are refused. */

const firstMessage = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0].message;
};

describe('form text refuses C0 and C1 control characters', () => {
  const controls = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'];
  it.each(controls.map((c) => [c.charCodeAt(0).toString(16)]))('U+%s', (hex) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    expect(firstMessage(zText('名称'), `名${c}称`)).toBe('名称不能包含控制字符');
    expect(firstMessage(zText('说明', { multiline: true }), `说${c}明`)).toBe('说明不能包含控制字符');
    expect(firstMessage(zOptionalText('备注'), `备${c}注`)).toBe('备注不能包含控制字符');
    expect(firstMessage(zChoice('科目'), `科${c}目`)).toBe('科目不能包含控制字符');
  });
  it('allows tab and line breaks only where text may span lines', () => {
    expect(zText('说明', { multiline: true }).parse('第一行\n第二行\r\n\t第三行')).toBe('第一行\n第二行\r\n\t第三行');
    expect(firstMessage(zText('名称'), '第一行\n第二行')).toBe('名称不能包含控制字符');
    expect(zText('名称').parse('储备\t地块')).toBe('储备\t地块');
  });
  it('keeps ordinary Chinese text, punctuation and emoji', () => {
    expect(zText('名称').parse('龙岭·一号地块（东）🏗')).toBe('龙岭·一号地块（东）🏗');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-1-1', false],
    ['0999-01-01', false],
    ['2026-12-31T00:00', false],
  ])('%s → %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
    expect(zFilterDate.parse(s)).toBe(ok ? s : undefined);
  });
});

describe('list filters: a bad value is ignored and reported', () => {
  it('ignores control characters, over-long text and impossible dates in the audit filter', () => {
    const { filter, notice } = parseListFilter(ZAuditFilter, { user: 'a\u0000b', action: 'x'.repeat(10_000), from: '2026-13-45', to: '2026-02-28', page: '2' });
    expect(filter).toMatchObject({ user: undefined, action: undefined, from: undefined, to: '2026-02-28', page: 2 });
    expect(notice).toBe('以下筛选条件无效，已忽略：用户（不能包含控制字符）、操作（过长）、起始日期（不是有效日期）');
  });
  it('says nothing when every value is used, and ignores keys the list does not have', () => {
    expect(parseListFilter(ZAuditFilter, { user: ' 张三 ', result: '失败', from: '2026-01-01', page: '1', other: '\u0000' }).notice).toBeNull();
  });
  it('reports a repeated parameter and a value outside the choices', () => {
    const schema = z.object({ q: zFilterText(), page: zFilterPage });
    expect(parseListFilter(schema, { q: ['a', 'b'], page: 'DROP TABLE' }).notice).toBe('以下筛选条件无效，已忽略：关键字（重复出现）、页码（无效）');
  });
});
