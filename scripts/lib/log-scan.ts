/**
 * Scans server log text for what must never be logged (等保 8.1.4.3 / 8.1.4.10 / 8.1.4.11):
 * passwords (the demo and test accounts' passwords, `password` fields with a value), keys (the
 * session secret and the SM4 key), SQL parameter dumps, 18-digit resident ID numbers and 11-digit
 * mobile numbers. A finding names the line and the rule; the line is shown masked, never as is.
 */
export interface LogFinding {
  line: number;
  rule: string;
  masked: string;
}

interface Rule {
  name: string;
  pattern: RegExp;
}

/** Values redacted by the logger (src/platform/logger.ts) are fine. */
const REDACTED = /^"?\[(脱敏|Redacted)\]"?$/;

const FIXED_RULES: Rule[] = [
  // 18-digit resident ID (17 digits + digit/X), not part of a longer number.
  { name: '身份证号', pattern: /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g },
  // Mainland mobile numbers, not part of a longer number (timestamps have 13 digits).
  { name: '手机号', pattern: /(?<![0-9A-Za-z.])1[3-9]\d{9}(?![0-9A-Za-z])/g },
  // drizzle / postgres errors quote the statement's parameters.
  { name: 'SQL 参数', pattern: /\bparams:\s*\S|"params"\s*:|\bparameters:\s*\[/gi },
];

/** A JSON or key=value password-like field with a value that is not the logger's redaction mark. */
const SECRET_FIELD = /"(password|passwd|pwd|newPassword|currentPassword|oldPassword|passwordHash|secret|totpSecret|sm4Key|authorization|cookie)"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\s]+)/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function maskLine(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [start, end] of [...spans].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + '*'.repeat(Math.min(8, end - start)) + out.slice(end);
  return out.length > 240 ? `${out.slice(0, 240)}…` : out;
}

/**
 * `secrets` are literal values that must not appear (passwords, keys); values shorter than 6
 * characters are ignored (they would match everywhere).
 */
export function scanLog(text: string, secrets: readonly { name: string; value: string }[]): LogFinding[] {
  const rules: Rule[] = [
    ...secrets.filter((s) => s.value.length >= 6).map((s) => ({ name: s.name, pattern: new RegExp(escapeRegExp(s.value), 'g') })),
    ...FIXED_RULES,
  ];
  const findings: LogFinding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const spans: [number, number][] = [];
    const names = new Set<string>();
    for (const rule of rules) {
      for (const m of line.matchAll(rule.pattern)) {
        spans.push([m.index, m.index + m[0].length]);
        names.add(rule.name);
      }
    }
    for (const m of line.matchAll(SECRET_FIELD)) {
      if (REDACTED.test(m[2]) || m[2] === 'null' || m[2] === '""') continue;
      spans.push([m.index, m.index + m[0].length]);
      names.add(`字段 ${m[1]}`);
    }
    if (names.size > 0) findings.push({ line: i + 1, rule: [...names].join('、'), masked: maskLine(line, spans) });
  });
  return findings;
}
