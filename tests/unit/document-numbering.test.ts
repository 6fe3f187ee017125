import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_TEMPLATE, formatDocNo, templateProblem } from '../../src/modules/documents/numbering';

describe('发文字号 rules', () => {
  it('formats year and sequence, with optional zero padding', () => {
    expect(formatDocNo(DEFAULT_NUMBER_TEMPLATE, 2026, 12)).toBe('益土储发〔2026〕12号');
    expect(formatDocNo('益土储函〔{year}〕{seq:3}号', 2026, 7)).toBe('益土储函〔2026〕007号');
    expect(formatDocNo('益土储纪[{year}]{seq:2}', 2027, 123)).toBe('益土储纪[2027]123');
  });
  it('accepts good templates', () => {
    for (const t of [DEFAULT_NUMBER_TEMPLATE, '益土储请（{year}）{seq}号', '益土储【{year}】第{seq:4}号']) expect(templateProblem(t)).toBeNull();
  });
  it('refuses typos with a clear message', () => {
    expect(templateProblem('益土储发〔{yaer}〕{seq}号')).toContain('「{yaer}」无法识别');
    expect(templateProblem('益土储发〔{year}〕{seq:9}号')).toContain('「{seq:9}」无法识别');
    expect(templateProblem('益土储发〔{year}〕号')).toBe('文号规则须包含序号 {seq}');
    expect(templateProblem('益土储发{seq}号')).toBe('文号规则须包含年份 {year}（序号按年编排）');
    expect(templateProblem('益土储发〔{year}〕{seq}{seq}号')).toBe('文号规则只能包含一个序号 {seq}');
    expect(templateProblem('益土储发〔{year}{seq}号')).toContain('缺少「〕」');
    expect(templateProblem('益土储发{year}〕{seq}号')).toContain('「〕」不成对');
    expect(templateProblem('益土储发〔{year}）{seq}号')).toContain('不成对');
    expect(templateProblem('益土储发〔{year〕{seq}号')).toContain('无法识别');
    expect(templateProblem('益土储发〔{year}〕{seq号')).toBe('文号规则中的「{」没有对应的「}」');
    expect(templateProblem('益土储发〔year}〕{seq}号')).toBe('文号规则中的「}」没有对应的「{」');
    expect(templateProblem('〔{year}〕{seq}')).toBe('文号规则须包含机关代字，如 益土储发');
    expect(templateProblem('')).toBe('请填写文号规则');
    expect(templateProblem(' 益土储发〔{year}〕{seq}号')).toBe('文号规则首尾不能有空格');
  });
});
