import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/platform/csv';
import { auditFieldLabel, auditValueText } from '../../src/modules/audit-log/field-labels';

describe('CSV for Excel', () => {
  it('starts with a BOM, uses CRLF and quotes separators', () => {
    expect(toCsv(['名称', '说明'], [['a,b', 'say "hi"'], ['x\ny', null]])).toBe('\uFEFF名称,说明\r\n"a,b","say ""hi"""\r\n"x\ny",\r\n');
  });
  it('neutralises spreadsheet formulas', () => {
    expect(toCsv(['v'], [['=1+1'], ['+86'], ['-3'], ['@SUM(A1)'], ['ok']])).toBe("\uFEFFv\r\n'=1+1\r\n'+86\r\n'-3\r\n'@SUM(A1)\r\nok\r\n");
  });
});

describe('audit field labels', () => {
  it('names known fields and values in Chinese and leaves unknown ones', () => {
    expect(auditFieldLabel('displayName')).toBe('姓名');
    expect(auditFieldLabel('somethingNew')).toBe('somethingNew');
    expect(auditValueText('disabled')).toBe('停用');
    expect(auditValueText(true)).toBe('是');
    expect(auditValueText(['a', 'b'])).toBe('a、b');
    expect(auditValueText([])).toBe('（无）');
    expect(auditValueText(null)).toBe('（空）');
    expect(auditValueText(3)).toBe('3');
  });
});

describe('audit values that are records', () => {
  it('reads compensation items as 「名称：值」 and leaves empty parts out', () => {
    expect(auditValueText([{ category: '土地补偿费', amount: '250000.00', note: null }])).toBe('（类别：土地补偿费，金额（元）：250000.00）');
    expect(auditValueText({ note: '' })).toBe('（空）');
  });
});
