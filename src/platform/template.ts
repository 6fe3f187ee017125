/**
 * Number-rule templates (发文字号, 档号): literal text with `{name}` placeholders. This only splits a
 * template into its parts and refuses what no rule can mean (an unpaired brace, control
 * characters, leading or trailing spaces, over-long text); each rule then checks which names it
 * knows and how they combine. Client-safe.
 */
export type TemplateToken = { kind: 'text'; text: string } | { kind: 'name'; name: string };

export function tokenizeTemplate(template: string, what: string, maxLength: number): { tokens: TemplateToken[]; problem: null } | { tokens: null; problem: string } {
  const t = template ?? '';
  if (!t.trim()) return { tokens: null, problem: `请填写${what}` };
  if (t !== t.trim()) return { tokens: null, problem: `${what}首尾不能有空格` };
  if (t.length > maxLength) return { tokens: null, problem: `${what}不能超过 ${maxLength} 个字符` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(t)) return { tokens: null, problem: `${what}不能包含控制字符` };
  const tokens: TemplateToken[] = [];
  let text = '';
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (c === '{') {
      const end = t.indexOf('}', i);
      if (end < 0) return { tokens: null, problem: `${what}中的「{」没有对应的「}」` };
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push({ kind: 'name', name: t.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '}') return { tokens: null, problem: `${what}中的「}」没有对应的「{」` };
    text += c;
    i++;
  }
  if (text) tokens.push({ kind: 'text', text });
  return { tokens, problem: null };
}
