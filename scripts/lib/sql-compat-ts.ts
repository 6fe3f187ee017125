/**
 * A small TypeScript tokeniser for the SQL compatibility linter: it finds comments,
 * string/template literals and the raw SQL passed to drizzle's sql`...` tag and
 * sql.raw(...). It is deliberately simple (no full parser) but handles nested
 * template interpolations and regular-expression literals. Pure functions only.
 */
import type { Span } from './sql-compat-scan';

export interface SqlSegment {
  /** Offset in the TS text of the first character of the SQL. */
  start: number;
  /** SQL text; template interpolations are blanked (newlines kept). */
  text: string;
}

export interface TsScan {
  /** Comments and the contents of string, template and regex literals blanked. */
  codeView: string;
  /** Only comments blanked. */
  noCommentView: string;
  comments: Span[];
  segments: SqlSegment[];
}

const REGEX_AFTER_CHARS = '(,=:[!&|?{};+-*%<>~^';
const REGEX_AFTER_WORDS = new Set([
  'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await',
]);
const SQL_TAG_BEFORE = /(?:^|[^\w$])sql\s*(?:<[^`;]*?>)?\s*$/;
const SQL_RAW_BEFORE = /(?:^|[^\w$])sql\s*\.\s*raw\s*\(\s*$/;

export function scanTs(text: string): TsScan {
  const n = text.length;
  const code = text.split('');
  const noComment = text.split('');
  const comments: Span[] = [];
  const segments: SqlSegment[] = [];
  let lastSig = -1; // index of the last significant code character

  const blank = (arr: string[], start: number, end: number): void => {
    for (let k = start; k < Math.min(end, n); k++) if (arr[k] !== '\n') arr[k] = ' ';
  };

  const regexAllowed = (): boolean => {
    if (lastSig < 0) return true;
    const ch = text[lastSig];
    if (REGEX_AFTER_CHARS.includes(ch)) return true;
    if (!/[\w$]/.test(ch)) return false;
    const word = /[\w$]+$/.exec(text.slice(Math.max(0, lastSig - 20), lastSig + 1));
    return word !== null && REGEX_AFTER_WORDS.has(word[0]);
  };

  /** Returns the index after a regex literal starting at `i`, or -1 if it is not one. */
  const skipRegex = (i: number): number => {
    let j = i + 1;
    let inClass = false;
    while (j < n) {
      const ch = text[j];
      if (ch === '\n') return -1;
      if (ch === '\\') j += 2;
      else {
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) {
          j++;
          while (j < n && /[a-z]/i.test(text[j])) j++;
          return j;
        }
        j++;
      }
    }
    return -1;
  };

  const skipString = (i: number, quote: string): number => {
    let j = i + 1;
    while (j < n) {
      const ch = text[j];
      if (ch === '\\') j += 2;
      else if (ch === quote) return j + 1;
      else if (ch === '\n') return j;
      else j++;
    }
    return n;
  };

  const isSqlLiteral = (literalStart: number, template: boolean): boolean => {
    const before = text.slice(Math.max(0, literalStart - 300), literalStart);
    return (template && SQL_TAG_BEFORE.test(before)) || SQL_RAW_BEFORE.test(before);
  };

  const addSegment = (contentStart: number, contentEnd: number, holes: Span[]): void => {
    let sql = text.slice(contentStart, contentEnd);
    for (const h of holes) {
      const a = h.start - contentStart;
      const b = Math.min(h.end, contentEnd) - contentStart;
      sql = sql.slice(0, a) + sql.slice(a, b).replace(/[^\n]/g, ' ') + sql.slice(b);
    }
    segments.push({ start: contentStart, text: sql });
  };

  const scanTemplate = (start: number): number => {
    const holes: Span[] = [];
    let j = start + 1;
    while (j < n && text[j] !== '`') {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '$' && text[j + 1] === '{') {
        const holeStart = j;
        j = scanCode(j + 2, true);
        holes.push({ start: holeStart, end: j });
      } else j++;
    }
    const end = Math.min(j, n);
    let from = start + 1;
    for (const h of holes) {
      blank(code, from, h.start);
      from = h.end;
    }
    blank(code, from, end);
    if (isSqlLiteral(start, true)) addSegment(start + 1, end, holes);
    return Math.min(end + 1, n);
  };

  function scanCode(from: number, inHole: boolean): number {
    let depth = 0;
    let i = from;
    while (i < n) {
      const ch = text[i];
      const next = text[i + 1];
      if (ch === '/' && next === '/') {
        const nl = text.indexOf('\n', i);
        const end = nl < 0 ? n : nl;
        comments.push({ start: i, end });
        blank(code, i, end);
        blank(noComment, i, end);
        i = end;
        continue;
      }
      if (ch === '/' && next === '*') {
        const close = text.indexOf('*/', i + 2);
        const end = close < 0 ? n : close + 2;
        comments.push({ start: i, end });
        blank(code, i, end);
        blank(noComment, i, end);
        i = end;
        continue;
      }
      if (ch === "'" || ch === '"') {
        const end = skipString(i, ch);
        const contentEnd = text[end - 1] === ch && end - 1 > i ? end - 1 : end;
        blank(code, i + 1, contentEnd);
        if (isSqlLiteral(i, false)) addSegment(i + 1, contentEnd, []);
        lastSig = Math.max(i, end - 1);
        i = end;
        continue;
      }
      if (ch === '`') {
        const end = scanTemplate(i);
        lastSig = end - 1;
        i = end;
        continue;
      }
      if (ch === '/' && regexAllowed()) {
        const end = skipRegex(i);
        if (end > 0) {
          blank(code, i + 1, end);
          lastSig = end - 1;
          i = end;
          continue;
        }
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0 && inHole) return i + 1;
        depth--;
      }
      if (!/\s/.test(ch)) lastSig = i;
      i++;
    }
    return n;
  }

  scanCode(0, false);
  return { codeView: code.join(''), noCommentView: noComment.join(''), comments, segments };
}
