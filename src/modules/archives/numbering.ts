/**
 * 档号 rule (client-safe). DA/T 22-2015《归档文件整理规则》§9.1 gives the 档号 of an item (件) as
 * 全宗号-档案门类代码·年度-保管期限代码-机构（问题）代码-件号, the 机构（问题）代码 optional and the
 * 件号 numbered from 0001 within each 年度 and 保管期限. The rule here is a template the 档案管理员
 * sets on /archives/settings: placeholders {fonds} (全宗号, assigned by the city archives),
 * {class} (门类代码, WS for 文书), {year}, {retention} (Y / D30 / D10), {dept} (机构代码, optional)
 * and {seq:N} (件号 zero-padded to N digits). Numbers are drawn per series: the 档号 with the 件号
 * left out, so each 年度 × 保管期限 (× 机构) runs from 1.
 */
import { tokenizeTemplate } from '@/platform/template';
import { RETENTION_CODES, type TRetention } from './constants';

export const DEFAULT_FONDS_CODE = 'Z001';
export const DEFAULT_CLASS_CODE = 'WS';
export const DEFAULT_ARCHIVE_NO_TEMPLATE = '{fonds}-{class}·{year}-{retention}-{seq:4}';
export const RULE_SOURCE = 'DA/T 22-2015《归档文件整理规则》第 9.1 条：档号结构为 全宗号-档案门类代码·年度-保管期限代码-机构（问题）代码-件号，件号按年度、保管期限分别从 0001 起编';
/** The 全宗号 is assigned by the 益阳市档案馆: the default is a placeholder to be confirmed. */
export const FONDS_SOURCE = '全宗号由市档案馆编制并告知立档单位（待市档案馆确认后填写；默认值 Z001 仅为占位）';

export const MAX_TEMPLATE_LENGTH = 80;
const PLACEHOLDERS = ['fonds', 'class', 'year', 'retention', 'dept'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
type Part = { kind: 'text'; text: string } | { kind: Placeholder } | { kind: 'seq'; pad: number };

export interface ArchiveNoInput {
  fonds: string;
  classCode: string;
  year: number;
  retention: TRetention;
  /** 机构（问题）代码; only used when the template has {dept}. */
  dept?: string | null;
}

/** The template's parts, or the Chinese reason it is wrong. */
export function parseArchiveTemplate(template: string): { parts: Part[]; problem: null } | { parts: null; problem: string } {
  const tokenized = tokenizeTemplate(template, '档号规则', MAX_TEMPLATE_LENGTH);
  if (!tokenized.tokens) return { parts: null, problem: tokenized.problem };
  if (/[/\\]/.test(template)) return { parts: null, problem: '档号规则不能包含斜杠（档号会用作移交包中的文件夹名）' };
  const parts: Part[] = [];
  for (const token of tokenized.tokens) {
    if (token.kind === 'text') parts.push(token);
    else if ((PLACEHOLDERS as readonly string[]).includes(token.name)) parts.push({ kind: token.name as Placeholder });
    else if (/^seq:[1-6]$/.test(token.name)) parts.push({ kind: 'seq', pad: Number(token.name.slice(4)) });
    else if (token.name === 'seq') parts.push({ kind: 'seq', pad: 4 });
    else return { parts: null, problem: `档号规则中的「{${token.name}}」无法识别，可用的占位符为 {fonds}（全宗号）、{class}（门类代码）、{year}（年度）、{retention}（保管期限代码）、{dept}（机构代码）和 {seq:4}（件号，补零到 4 位）` };
  }
  const count = (kind: Part['kind']) => parts.filter((p) => p.kind === kind).length;
  if (count('seq') !== 1) return { parts: null, problem: count('seq') === 0 ? '档号规则须包含件号 {seq:4}' : '档号规则只能包含一个件号' };
  if (parts[parts.length - 1].kind !== 'seq') return { parts: null, problem: '件号 {seq:4} 须在档号规则的最后（DA/T 22-2015）' };
  for (const required of ['fonds', 'year', 'retention'] as const) {
    if (count(required) !== 1) {
      const label = { fonds: '全宗号 {fonds}', year: '年度 {year}', retention: '保管期限代码 {retention}' }[required];
      return { parts: null, problem: count(required) === 0 ? `档号规则须包含${label}（件号按年度、保管期限分别编排）` : `档号规则只能包含一个${label}` };
    }
  }
  if (count('class') > 1 || count('dept') > 1) return { parts: null, problem: '档号规则中每个占位符只能出现一次' };
  // Each placeholder must be separated from the next by text (else two numbers could run together).
  for (let k = 1; k < parts.length; k++) {
    if (parts[k].kind !== 'text' && parts[k - 1].kind !== 'text') return { parts: null, problem: '档号规则中相邻的占位符之间须有分隔符，如「-」' };
  }
  return { parts, problem: null };
}

export function archiveTemplateProblem(template: string): string | null {
  return parseArchiveTemplate(template).problem;
}

/** 全宗号 / 门类代码 / 机构代码: letters and digits only (they end up in folder names). */
export function codeProblem(label: string, value: string, opts: { max: number; optional?: boolean }): string | null {
  const v = value ?? '';
  if (!v) return opts.optional ? null : `请填写${label}`;
  if (v.length > opts.max) return `${label}不能超过 ${opts.max} 个字符`;
  if (!/^[0-9A-Za-z]+$/.test(v)) return `${label}只能由字母和数字组成`;
  return null;
}

function render(parts: Part[], input: ArchiveNoInput, seq: number | null): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return p.text;
        case 'fonds':
          return input.fonds;
        case 'class':
          return input.classCode;
        case 'year':
          return String(input.year);
        case 'retention':
          return RETENTION_CODES[input.retention];
        case 'dept':
          return input.dept ?? '';
        case 'seq':
          return seq === null ? '' : String(seq).padStart(p.pad, '0');
      }
    })
    .join('');
}

/** The series (the 档号 without its 件号) and the full 档号; throws on a bad template (checked when saved). */
export function formatArchiveNo(template: string, input: ArchiveNoInput, seq: number): { series: string; archiveNo: string } {
  const parsed = parseArchiveTemplate(template);
  if (!parsed.parts) throw new Error(`bad archive number template: ${parsed.problem}`);
  return { series: render(parsed.parts, input, null), archiveNo: render(parsed.parts, input, seq) };
}

/** The series alone (to draw the next 件号 from its counter). */
export function archiveSeries(template: string, input: ArchiveNoInput): string {
  return formatArchiveNo(template, input, 1).series;
}
