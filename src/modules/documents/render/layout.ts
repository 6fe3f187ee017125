/**
 * The parts of a 发文 in GB/T 9704-2012 order, worked out once for both renderers (the .docx in
 * `docx.ts` and the printable HTML in `print-view.tsx`), so the two always carry the same text.
 * Clause numbers below are those of GB/T 9704-2012 《党政机关公文格式》.
 */
import { isIsoDate } from '@/platform/dates';
import type { DocumentForRender } from './model';

/** Printed in place of the 发文字号 of a draft that has not been numbered at 签发 yet. */
export const UNNUMBERED = '（未编号）';

// Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF):
// one of them in a w:t makes Word refuse the whole file, so they are dropped from every input.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe for XML and HTML text nodes (escaping itself is left to the writers). */
export function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(NOT_XML, '');
}

/** One line of text: tabs and line breaks become single spaces, ends trimmed. */
export function cleanLine(value: string | null | undefined): string {
  return cleanText(value).replace(/[\t\r\n]+/g, ' ').trim();
}

/**
 * 成文日期 / 印发日期: Arabic numerals, the year in full, month and day without a leading zero
 * (7.3.5.4, 7.4.3): 2026-12-07 → 2026年12月7日.
 */
export function formatChineseDate(iso: string): string {
  if (!isIsoDate(iso)) throw new Error(`日期应为 YYYY-MM-DD 格式的有效日期，收到「${cleanLine(iso)}」`);
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Width of a text in 字 (full-width character widths): CJK and full-width forms count 1, ASCII
 * and other half-width characters ½ — how the standard measures 空一字, 右空四字.
 */
export function widthInChars(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) ? 0.5 : 1;
  }
  return w;
}

/** 份号 (7.2.1): 一般用 6 位阿拉伯数字 — digits only are padded to six places. */
export function formatCopyNo(copyNo: string | null | undefined): string | null {
  const v = cleanLine(copyNo);
  if (!v) return null;
  return /^\d{1,6}$/.test(v) ? v.padStart(6, '0') : v;
}

/** The top-left 版头 lines in the order 7.2.3 prescribes: 份号, 密级, 紧急程度. */
export function headLines(doc: DocumentForRender): { kind: 'copyNo' | 'secrecy' | 'urgency'; text: string }[] {
  const out: { kind: 'copyNo' | 'secrecy' | 'urgency'; text: string }[] = [];
  const copyNo = formatCopyNo(doc.copyNo);
  if (copyNo) out.push({ kind: 'copyNo', text: copyNo });
  if (doc.secrecy === '内部') out.push({ kind: 'secrecy', text: '内部' });
  if (doc.urgency === '特急' || doc.urgency === '加急') out.push({ kind: 'urgency', text: doc.urgency });
  return out;
}

export function displayNumber(doc: DocumentForRender): string {
  return cleanLine(doc.number) || UNNUMBERED;
}

/**
 * 签发人 (7.2.6): 一般每行排两个姓名，回行时与上一行姓名对齐. Rows of at most two names;
 * `nameWidth` is the widest name in 字, so the second column lines up on every row.
 */
export function signerRows(signers: string[]): { rows: string[][]; nameWidth: number } {
  const names = signers.map(cleanLine).filter(Boolean);
  const rows: string[][] = [];
  for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2));
  if (rows.length === 0) rows.push([]);
  const nameWidth = Math.max(2, ...names.map(widthInChars));
  return { rows, nameWidth };
}

/** Title lines: a line break typed in the title is kept (标题回行 by the author, 7.3.1). */
export function titleLines(title: string): string[] {
  return cleanText(title)
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** 主送机关 (7.3.2): names joined by 、, a full-width colon after the last one; null when none. */
export function recipientsLine(recipients: string[]): string | null {
  const names = recipients.map(cleanLine).filter(Boolean);
  return names.length ? `${names.join('、')}：` : null;
}

export type HeadingLevel = 0 | 1 | 2 | 3 | 4;

/** A paragraph of 正文: `lead` is the heading's own sentence (set in the heading face), `rest` follows in 仿宋. */
export interface BodyParagraph {
  level: HeadingLevel;
  lead: string;
  rest: string;
}

const HEADING_PATTERNS: [Exclude<HeadingLevel, 0>, RegExp][] = [
  [1, /^[一二三四五六七八九十百]+、/],
  [2, /^[（(][一二三四五六七八九十百]+[）)]/],
  [3, /^\d{1,3}[.．](?!\d)/],
  [4, /^[（(]\d{1,3}[）)]/],
];

export function headingLevel(line: string): HeadingLevel {
  for (const [level, re] of HEADING_PATTERNS) if (re.test(line)) return level;
  return 0;
}

const CJK_OR_PUNCT = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * 正文 (7.3.3) from plain text: blank lines separate paragraphs; inside a block, a line that is a
 * heading (一、 （一） 1. （1）), that follows a heading line, or that the author indented (two spaces or
 * a full-width space) starts a new paragraph; other lines continue the paragraph (joined without a
 * space between Chinese characters). A heading's lead runs to its first 。 when more text follows in the same paragraph
 * — 「（一）工作目标。到2027年……」 sets only 「（一）工作目标。」 in 楷体.
 */
export function parseBody(body: string): BodyParagraph[] {
  const text = cleanText(body).replace(/\r\n?/g, '\n');
  const out: BodyParagraph[] = [];
  for (const block of text.split(/\n[ \t\u3000]*\n/)) {
    let current: string | null = null;
    const flush = () => {
      if (current !== null && current.trim()) out.push(splitHeading(current.trim()));
      current = null;
    };
    for (const raw of block.split('\n')) {
      const indented = /^([ \t]{2,}|\u3000)/.test(raw);
      const line = raw.replace(/\t/g, ' ').trim();
      if (!line) continue;
      if (current === null || indented || headingLevel(line) > 0 || headingLevel(current) > 0) {
        flush();
        current = line;
      } else {
        const prev: string = current;
        const joinWithSpace = !CJK_OR_PUNCT.test(prev.slice(-1)) && !CJK_OR_PUNCT.test(line[0]);
        current = prev + (joinWithSpace ? ' ' : '') + line;
      }
    }
    flush();
  }
  return out;
}

function splitHeading(text: string): BodyParagraph {
  const level = headingLevel(text);
  if (level === 0) return { level, lead: '', rest: text };
  const stop = text.indexOf('。');
  if (stop >= 0 && stop < text.length - 1) return { level, lead: text.slice(0, stop + 1), rest: text.slice(stop + 1) };
  return { level, lead: text, rest: '' };
}

/**
 * 附件说明 (7.3.4): 「附件：」 then the name; with several, numbered 1. 2. …; 附件名称后不加标点符号
 * (a trailing punctuation mark typed by the author is dropped).
 */
export function attachmentLines(attachments: string[]): { label: string; no: string; title: string }[] {
  const titles = attachments.map((a) => cleanLine(a).replace(/[。，、；：,.;:！!？?]+$/u, '')).filter(Boolean);
  return titles.map((title, i) => ({ label: i === 0 ? '附件：' : '', no: titles.length > 1 ? `${i + 1}.` : '', title }));
}

/**
 * 发文机关署名 and 成文日期 of a sealed document (7.3.5.1): the date 右空四字, the organ's name centred
 * over the date. When the name is so much longer than the date that it would come closer than one
 * character to the right edge (or run past it), the name keeps 右空一字 and the date is centred
 * under it instead. Returned as right indents in 字.
 */
export function signatureLayout(org: string, dateText: string): { orgRight: number; dateRight: number } {
  const ow = widthInChars(org);
  const dw = widthInChars(dateText);
  const orgRight = 4 + (dw - ow) / 2;
  if (orgRight >= 1) return { orgRight, dateRight: 4 };
  return { orgRight: 1, dateRight: 1 + (ow - dw) / 2 };
}

/** 抄送 (7.4.2): 「抄送：」, names separated by ，, a 。 after the last; null when none. */
export function copyLine(recipients: string[]): string | null {
  const names = recipients.map(cleanLine).filter(Boolean);
  return names.length ? `抄送：${names.join('，')}。` : null;
}

/** 印发机关和印发日期 (7.4.3): the date in full Arabic numerals followed by 印发. */
export function printLine(doc: DocumentForRender): { org: string; date: string } {
  return { org: cleanLine(doc.printingOrg), date: `${formatChineseDate(doc.printDate)}印发` };
}

/**
 * 发文机关标志 (7.2.4) size: the standard leaves it to the issuer (醒目、美观、庄重). 初号 (42 pt) when
 * the mark fits the 156 mm type area; a longer mark is narrowed (character width down to 60 %),
 * and only below that made smaller, so it stays on one line.
 */
export function organMarkSize(mark: string): { sizePt: number; scalePct: number } {
  const widthPt = 442; // 版心 156 mm in points
  const n = Math.max(1, widthInChars(cleanLine(mark)));
  const sizePt = Math.min(42, Math.floor((widthPt / (n * 0.6)) * 2) / 2);
  const scalePct = Math.min(100, Math.floor((widthPt / (n * sizePt)) * 100));
  return { sizePt, scalePct };
}

/** Every part of the document, in reading order, as both renderers print it. */
export interface DocumentLayout {
  head: ReturnType<typeof headLines>;
  organMark: string;
  number: string;
  upward: boolean;
  signers: ReturnType<typeof signerRows>;
  title: string[];
  recipients: string | null;
  body: BodyParagraph[];
  attachments: ReturnType<typeof attachmentLines>;
  signatureOrg: string;
  date: string;
  signature: ReturnType<typeof signatureLayout>;
  copy: string | null;
  print: ReturnType<typeof printLine>;
  markSize: ReturnType<typeof organMarkSize>;
}

export function layoutDocument(doc: DocumentForRender): DocumentLayout {
  const date = formatChineseDate(doc.date);
  const signatureOrg = cleanLine(doc.signatureOrg) || cleanLine(doc.organName);
  const organMark = cleanLine(doc.organMark) || cleanLine(doc.organName);
  return {
    head: headLines(doc),
    organMark,
    number: displayNumber(doc),
    upward: doc.upward,
    signers: signerRows(doc.signers),
    title: titleLines(doc.title),
    recipients: recipientsLine(doc.mainRecipients),
    body: parseBody(doc.body),
    attachments: attachmentLines(doc.attachments),
    signatureOrg,
    date,
    signature: signatureLayout(signatureOrg, date),
    copy: copyLine(doc.copyRecipients),
    print: printLine(doc),
    markSize: organMarkSize(organMark),
  };
}
