/**
 * Lexical helpers for the SQL compatibility linter: masking of SQL comments,
 * string literals and quoted identifiers, line mapping and `compat-ok` markers.
 * Pure functions only (no file system access).
 */

export interface Span {
  start: number;
  end: number;
}

/** Character classes of SQL text. */
export const CODE = 0;
export const COMMENT = 1;
export const STRING = 2;
export const IDENT = 3;

export interface SqlViews {
  /** Comments, string literals and quoted identifiers blanked: for keyword rules. */
  bare: string;
  /** Comments and string literals blanked, quoted identifiers kept. */
  code: string;
  /** Only comments blanked. */
  literal: string;
  /** Class of every character of the input. */
  classes: Uint8Array;
  /** Comment spans (`--` line comments and block comments). */
  comments: Span[];
}

/** Replaces every character except newlines by a space, so offsets and lines are kept. */
export function blankText(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function viewOf(text: string, classes: Uint8Array, hidden: readonly number[]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    out += ch !== '\n' && hidden.includes(classes[i]) ? ' ' : ch;
  }
  return out;
}

/** Index just after the closing quote of a quoted token starting at `start` (doubled quote escapes). */
function skipQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let j = start + 1;
  while (j < text.length) {
    const ch = text[j];
    if (backslashEscapes && ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      if (text[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return text.length;
}

/** Classifies every character of SQL text and builds the masked views. */
export function maskSql(text: string): SqlViews {
  const n = text.length;
  const classes = new Uint8Array(n);
  const comments: Span[] = [];
  const mark = (start: number, end: number, cls: number): void => {
    classes.fill(cls, start, Math.min(end, n));
  };
  let i = 0;
  while (i < n) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      mark(i, end, COMMENT);
      comments.push({ start: i, end });
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      mark(i, end, COMMENT);
      comments.push({ start: i, end });
      i = end;
    } else if (ch === "'") {
      // E'...' strings allow backslash escapes.
      const escapeString = /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? '');
      const end = skipQuoted(text, i, "'", escapeString);
      mark(i, end, STRING);
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(text, i, '"', false);
      mark(i, end, IDENT);
      i = end;
    } else {
      i++;
    }
  }
  return {
    bare: viewOf(text, classes, [COMMENT, STRING, IDENT]),
    code: viewOf(text, classes, [COMMENT, STRING]),
    literal: viewOf(text, classes, [COMMENT]),
    classes,
    comments,
  };
}

/** Offsets at which each line starts (line 1 starts at offset 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line number of `offset`. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export interface CompatMarker {
  /** Offset of the `compat-ok` text. */
  offset: number;
  /** Trimmed reason; empty when missing. */
  reason: string;
}

/** Finds a `compat-ok: <reason>` marker inside one comment's text. */
export function markerIn(commentText: string, commentStart: number): CompatMarker | null {
  const m = /compat-ok\s*:([^\n]*)/i.exec(commentText);
  if (!m) return null;
  const reason = m[1].replace(/\*\/\s*$/, '').trim();
  return { offset: commentStart + m.index, reason };
}

/** UTF-8 byte length of an identifier. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Unquotes a double-quoted SQL identifier (`"a""b"` → `a"b`). */
export function unquoteIdent(quoted: string): string {
  const body = quoted.endsWith('"') && quoted.length > 1 ? quoted.slice(1, -1) : quoted.slice(1);
  return body.replace(/""/g, '"');
}

/** Index of the parenthesis closing the one at `open`, or -1. */
export function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
