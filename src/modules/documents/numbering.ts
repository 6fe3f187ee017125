import { tokenizeTemplate } from '@/platform/template';

/**
 * 发文字号 rules (client-safe). A template is text with placeholders: `{year}` (four digits),
 * `{seq}` (the sequence, no padding) or `{seq:N}` (zero-padded to N digits, 1–6). Example:
 * `益土储发〔{year}〕{seq}号` → 益土储发〔2026〕12号.
 */
export const DEFAULT_NUMBER_TEMPLATE = '益土储发〔{year}〕{seq}号';
export const MAX_TEMPLATE_LENGTH = 60;

const PAIRS: [string, string][] = [
  ['〔', '〕'],
  ['[', ']'],
  ['(', ')'],
  ['（', '）'],
  ['【', '】'],
  ['［', '］'],
];

type Part = { kind: 'text'; text: string } | { kind: 'year' } | { kind: 'seq'; pad: number };

/** The template's parts, or the Chinese reason it is wrong. */
export function parseTemplate(template: string): { parts: Part[]; problem: null } | { parts: null; problem: string } {
  const tokenized = tokenizeTemplate(template, '文号规则', MAX_TEMPLATE_LENGTH);
  if (!tokenized.tokens) return { parts: null, problem: tokenized.problem };
  const parts: Part[] = [];
  for (const token of tokenized.tokens) {
    if (token.kind === 'text') parts.push(token);
    else if (token.name === 'year') parts.push({ kind: 'year' });
    else if (token.name === 'seq') parts.push({ kind: 'seq', pad: 0 });
    else if (/^seq:[1-6]$/.test(token.name)) parts.push({ kind: 'seq', pad: Number(token.name.slice(4)) });
    else return { parts: null, problem: `文号规则中的「{${token.name}}」无法识别，可用的占位符为 {year}、{seq} 或 {seq:3}（补零到 3 位）` };
  }
  const seqs = parts.filter((p) => p.kind === 'seq').length;
  if (seqs === 0) return { parts: null, problem: '文号规则须包含序号 {seq}' };
  if (seqs > 1) return { parts: null, problem: '文号规则只能包含一个序号 {seq}' };
  if (!parts.some((p) => p.kind === 'year')) return { parts: null, problem: '文号规则须包含年份 {year}（序号按年编排）' };
  if (parts.filter((p) => p.kind === 'year').length > 1) return { parts: null, problem: '文号规则只能包含一个年份 {year}' };
  // Brackets in the literal text must pair up and nest.
  const literal = parts.map((p) => (p.kind === 'text' ? p.text : '#')).join('');
  const stack: string[] = [];
  for (const ch of literal) {
    const open = PAIRS.find(([o]) => o === ch);
    if (open) {
      stack.push(open[1]);
      continue;
    }
    if (PAIRS.some(([, cl]) => cl === ch)) {
      const expected = stack.pop();
      if (expected !== ch) return { parts: null, problem: `文号规则中的括号「${ch}」不成对，请检查（如 〔{year}〕）` };
    }
  }
  if (stack.length) return { parts: null, problem: `文号规则中的括号缺少「${stack[stack.length - 1]}」，请检查（如 〔{year}〕）` };
  const brackets = new Set(PAIRS.flat());
  const words = parts.map((p) => (p.kind === 'text' ? [...p.text].filter((ch) => !brackets.has(ch)).join('') : '')).join('');
  if (!/[\p{L}]/u.test(words)) return { parts: null, problem: '文号规则须包含机关代字，如 益土储发' };
  return { parts, problem: null };
}

export function templateProblem(template: string): string | null {
  return parseTemplate(template).problem;
}

/** The number for this year and sequence; throws on a bad template (checked when saved). */
export function formatDocNo(template: string, year: number, seq: number): string {
  const parsed = parseTemplate(template);
  if (!parsed.parts) throw new Error(`bad number template: ${parsed.problem}`);
  return parsed.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'year' ? String(year) : String(seq).padStart(p.pad, '0'))).join('');
}
