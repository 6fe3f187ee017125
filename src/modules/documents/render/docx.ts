/**
 * A 发文 as a Word document in the GB/T 9704-2012 layout (issue 15, 公文 item 5), written with the
 * `docx` package. Clause numbers in the comments are those of GB/T 9704-2012.
 *
 * Measurements (1 mm = 56.693 twips; Word's units: twips = 1/20 pt, font sizes in half-points,
 * border widths in 1/8 pt):
 * - 5.2.1 A4 210 × 297 mm → 11906 × 16838 twips.
 * - 5.2.2 天头 37 mm → top 2098; 订口 28 mm → left 1587; 版心 156 × 225 mm → right 1474 (26 mm),
 *   bottom 1984 (35 mm). 版心 width 8845 twips = 442.25 pt.
 * - 5.2.4 22 lines × 28 characters: document grid `linesAndChars`, line pitch 579 twips
 *   (225 mm / 22 = 579.8; Word fits floor(12756 / pitch) lines, so 579 gives 22 where 580 gives 21);
 *   character pitch = default font size + charSpace / 4096 pt = 16 − 842/4096 = 15.794 pt, and
 *   442.25 / 15.794 = 28.0 characters per line. charSpace is relative to the document's default
 *   font size, which is therefore 三号 (16 pt).
 * - 5.2.3 / 7.3.3 text 三号仿宋 (16 pt, 仿宋_GB2312); 7.3.1 title 二号小标宋 (22 pt, 方正小标宋简体);
 *   7.4.2 / 7.4.3 版记 四号仿宋 (14 pt); 7.5 page numbers 四号半角宋体 (14 pt).
 * - Fonts are named as Chinese Word expects them (w:rFonts with eastAsia, ascii and hAnsi, hint
 *   eastAsia) and listed in fontTable.xml with w:altName — the font Word substitutes when the
 *   named one is not installed (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  OverlapType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IBorderOptions,
  type IRunOptions,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { layoutDocument, type BodyParagraph, type DocumentLayout } from './layout';
import type { DocumentForRender } from './model';

// ── Measurements ─────────────────────────────────────────────────────────────────────────────
const mm = (v: number) => Math.round(v * 56.6929);

/** 5.2.1 A4. */
export const PAGE = { width: 11906, height: 16838 } as const;
/** 5.2.2 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (right and bottom follow from those). */
export const MARGIN = { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) } as const;
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845 twips = 156 mm
/** 5.2.4 22 行 × 28 字 (see the header comment for the arithmetic). */
export const GRID = { linePitch: 579, charSpace: -842 } as const;
/** One 字 of 三号 text on the grid: 15.794 pt. */
const CHAR = Math.round(((16 * 4096 + GRID.charSpace) / 4096) * 20); // 316 twips
/** One 字 of 四号 text (版记, 页码: 空一字). */
const CHAR4 = 280;
const LINE = GRID.linePitch;

/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28 } as const;
export const RED = 'FF0000';

/** Font names as Chinese Word writes them, with the substitute Word uses when one is missing. */
export const FONTS = {
  fangsong: { name: '仿宋_GB2312', alt: '仿宋', family: 'modern', pitch: 'fixed' },
  xiaobiaosong: { name: '方正小标宋简体', alt: '宋体', family: 'script', pitch: 'variable' },
  heiti: { name: '黑体', alt: 'SimHei', family: 'modern', pitch: 'fixed' },
  kaiti: { name: '楷体_GB2312', alt: '楷体', family: 'modern', pitch: 'fixed' },
  songti: { name: '宋体', alt: 'SimSun', family: 'auto', pitch: 'variable' },
} as const;
type FontKey = keyof typeof FONTS;

function font(key: FontKey) {
  const name = FONTS[key].name;
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

function run(text: string, key: FontKey, extra: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  return new TextRun({ text, font: font(key), ...extra });
}

const tab = () => new TextRun({ children: [new Tab()], font: font('fangsong') });

/** A paragraph with an exact line height (exact lines do not snap to the grid: 版头 positions are measured). */
const exact = (line: number, before = 0) => ({ line, lineRule: LineRuleType.EXACT, before, after: 0 });

// ── 版头 (7.2) ───────────────────────────────────────────────────────────────────────────────
function headerBlock(l: DocumentLayout): Paragraph[] {
  const out: Paragraph[] = [];
  // 7.2.1–7.2.3: 份号 (仿宋 digits), 密级 and 紧急程度 (三号黑体), 顶格 top left, one per line, in that order.
  for (const h of l.head) {
    out.push(new Paragraph({ spacing: exact(LINE), children: [run(h.text, h.kind === 'copyNo' ? 'fangsong' : 'heiti', { size: SIZE.sanhao })] }));
  }

  // 7.2.4: 发文机关标志 centred, red 小标宋, its upper edge 35 mm below the top of the 版心. The
  // lines above take head.length × LINE; the mark's line is exact at 1.2 × its size, with the
  // glyphs' top about 0.25 em below the top of that line.
  const { sizePt, scalePct } = l.markSize;
  const markLine = Math.round(sizePt * 1.2 * 20);
  const markBefore = Math.max(0, mm(35) - l.head.length * LINE - Math.round(sizePt * 0.25 * 20));
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(markLine, markBefore),
      children: [run(l.organMark, 'xiaobiaosong', { size: sizePt * 2, color: RED, scale: scalePct < 100 ? scalePct : undefined })],
    }),
  );

  // 7.2.7: a red line as wide as the 版心, 4 mm under the 发文字号 — the bottom border of the
  // 发文字号's paragraph (space 10 pt from the line's bottom, the glyphs' descent adding ~0.7 mm).
  // Thickness is not set by the standard; 1.5 pt.
  const redLine: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 10 };
  const twoLinesBelowMark = 2 * LINE; // 7.2.5 / 7.2.6: 标志下空二行

  if (!l.upward) {
    // 7.2.5: 发文字号 centred.
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(LINE, twoLinesBelowMark),
        border: { bottom: redLine },
        children: [run(l.number, 'fangsong', { size: SIZE.sanhao })],
      }),
    );
    return out;
  }

  // 7.2.5 / 7.2.6 上行文: 发文字号 居左空一字 on the line of the last 签发人; 「签发人：」 (三号仿宋) and the
  // names (三号楷体) 居右空一字, two names a row, later rows aligned with the names above.
  const { rows, nameWidth } = l.signers;
  const blockWidth = (4 + nameWidth + (rows[0].length > 1 ? 1 + nameWidth : 0)) * CHAR;
  const start = TEXT_WIDTH - CHAR - blockWidth; // where 「签发人：」 begins
  const col1 = start + 4 * CHAR;
  const col2 = col1 + (nameWidth + 1) * CHAR;
  const tabStops = [start, col1, col2].map((position) => ({ type: TabStopType.LEFT, position }));
  rows.forEach((names, i) => {
    const last = i === rows.length - 1;
    const children: TextRun[] = [];
    if (last) children.push(run(l.number, 'fangsong', { size: SIZE.sanhao }));
    children.push(tab());
    if (i === 0) children.push(run('签发人：', 'fangsong', { size: SIZE.sanhao }));
    else children.push(tab());
    names.forEach((name, j) => {
      if (j > 0) children.push(tab());
      children.push(run(name, 'kaiti', { size: SIZE.sanhao }));
    });
    out.push(
      new Paragraph({
        tabStops,
        indent: { left: CHAR },
        spacing: exact(LINE, i === 0 ? twoLinesBelowMark : 0),
        border: last ? { bottom: redLine } : undefined,
        children,
      }),
    );
  });
  return out;
}

// ── 主体 (7.3) ───────────────────────────────────────────────────────────────────────────────
function bodyParagraph(p: BodyParagraph): Paragraph {
  // 7.3.3: 每个自然段左空二字，回行顶格; 一层黑体、二层楷体、三层（brief: 加粗）和四层仿宋.
  const leadFont: FontKey = p.level === 1 ? 'heiti' : p.level === 2 ? 'kaiti' : 'fangsong';
  const children: TextRun[] = [];
  if (p.lead) children.push(run(p.lead, leadFont, { size: SIZE.sanhao, bold: p.level === 3 ? true : undefined }));
  if (p.rest) children.push(run(p.rest, 'fangsong', { size: SIZE.sanhao }));
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, children });
}

function mainBlock(l: DocumentLayout): Paragraph[] {
  const out: Paragraph[] = [];
  // 7.3.1: 标题 二号小标宋, 红色分隔线下空二行, centred; each line exactly one grid line, so a
  // missing 小标宋 replaced by a taller face still takes one line. A long title wraps (Word breaks it);
  // a line break typed in the title is kept, so the author can shape the 梯形 / 菱形 the standard asks for.
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(LINE, 2 * LINE),
      children: l.title.flatMap((t, i) => [run(t, 'xiaobiaosong', { size: SIZE.erhao, break: i > 0 ? 1 : undefined })]),
    }),
  );
  // 7.3.2: 主送机关 标题下空一行, 顶格, 全角冒号 after the last name.
  if (l.recipients) out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: LINE }, children: [run(l.recipients, 'fangsong', { size: SIZE.sanhao })] }));
  // 7.3.3: 正文 in 仿宋 三号 on the grid (single spacing snaps each line to the 579-twip pitch).
  for (const p of l.body) out.push(bodyParagraph(p));
  // 7.3.4: 附件说明 正文下空一行左空二字; several numbered 1. 2.; a wrapped name aligns with its first character.
  const numbered = l.attachments.length > 1;
  const nameStart = 2 * CHAR + 3 * CHAR + (numbered ? CHAR : 0); // 左空二字 + 「附件：」 + 「1.」
  l.attachments.forEach((a, i) => {
    const firstLineStart = i === 0 ? 2 * CHAR : 5 * CHAR;
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: i === 0 ? { before: LINE } : undefined,
        indent: { left: nameStart, hanging: nameStart - firstLineStart },
        children: [run(`${a.label}${a.no}${a.title}`, 'fangsong', { size: SIZE.sanhao })],
      }),
    );
  });
  // 7.3.5.1: 发文机关署名 centred over the 成文日期, which is 右空四字; two blank lines above leave room
  // for the seal (its top within one line of the text, 署名 and 日期 just below its centre).
  out.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 2 * LINE },
      indent: { right: Math.round(l.signature.orgRight * CHAR) },
      children: [run(l.signatureOrg, 'fangsong', { size: SIZE.sanhao })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(l.signature.dateRight * CHAR) },
      children: [run(l.date, 'fangsong', { size: SIZE.sanhao })],
    }),
  );
  return out;
}

// ── 版记 (7.4) ───────────────────────────────────────────────────────────────────────────────
/**
 * 7.4.1: lines as wide as the 版心, the first and last thick (0.35 mm → 1 pt, size 8), those
 * between thin (0.25 mm → ¾ pt, size 6); the last one on the bottom edge of the 版心 of the last
 * page. A table floating at the bottom of the margin box (w:tblpPr vertAnchor=margin,
 * tblpYSpec=bottom) puts it there whatever length the body has; its cell borders are the lines.
 */
function recordBlock(l: DocumentLayout): (Table | Paragraph)[] {
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const half = Math.floor(TEXT_WIDTH / 2);
  const cellMargins = { top: 0, bottom: 0, left: 0, right: 0 };
  const sihao = (text: string) => run(text, 'fangsong', { size: SIZE.sihao });
  const rows: TableRow[] = [];
  if (l.copy) {
    // 7.4.2: 抄送 四号仿宋, 左右各空一字, 回行时与冒号后的首字对齐.
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: 2,
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            margins: cellMargins,
            children: [
              new Paragraph({
                alignment: AlignmentType.JUSTIFIED,
                spacing: exact(LINE),
                indent: { left: CHAR4 + 3 * CHAR4, hanging: 3 * CHAR4, right: CHAR4 },
                children: [sihao(l.copy)],
              }),
            ],
          }),
        ],
      }),
    );
  }
  // 7.4.3: 印发机关 左空一字, 印发日期 右空一字, 四号仿宋.
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: half, type: WidthType.DXA },
          margins: cellMargins,
          children: [new Paragraph({ spacing: exact(LINE), indent: { left: CHAR4 }, children: [sihao(l.print.org)] })],
        }),
        new TableCell({
          width: { size: TEXT_WIDTH - half, type: WidthType.DXA },
          margins: cellMargins,
          children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(LINE), indent: { right: CHAR4 }, children: [sihao(l.print.date)] })],
        }),
      ],
    }),
  );
  const table = new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      topFromText: LINE,
      overlap: OverlapType.NEVER,
    },
  });
  // The floating table anchors on the paragraph after it: a hair-thin one, so it never adds a page.
  return [table, new Paragraph({ spacing: exact(20), children: [run('', 'fangsong', { size: 2 })] })];
}

// ── 页码 (7.5) ───────────────────────────────────────────────────────────────────────────────
/**
 * 7.5: 四号半角宋体 Arabic numerals between two 一字线 (「— 1 —」), the 一字线 7 mm below the 版心;
 * odd pages 右空一字, even pages 左空一字 (Word's different odd and even footers,
 * w:evenAndOddHeaders). The footer's line is 20 pt exact at 25.5 mm from the page bottom, which puts
 * the dashes of 14 pt 宋体 about 7 mm under the 35 mm bottom margin.
 */
const FOOTER_DISTANCE = mm(25.5);
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const songti = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: font('songti'), size: SIZE.sihao });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: CHAR4 } : { left: CHAR4 },
        spacing: exact(400),
        children: [songti(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

// ── Font table ───────────────────────────────────────────────────────────────────────────────
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * The docx package writes an empty fontTable.xml; Word reads w:altName there to pick a substitute
 * for a font that is not installed, and w:charset 86 (GB2312) to keep Chinese text in a Chinese face.
 */
function fontTableXml(): string {
  const fonts = Object.values(FONTS)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="${W_NS}">${fonts}</w:fonts>`;
}

function withFontTable(buf: Uint8Array): Buffer {
  const files = unzipSync(buf);
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  return Buffer.from(zipSync(files, { level: 6 }));
}

// ── Document ─────────────────────────────────────────────────────────────────────────────────
/** The .docx of a 发文 in the GB/T 9704-2012 layout. Throws on a malformed 成文日期 / 印发日期. */
export async function buildDocx(doc: DocumentForRender): Promise<Buffer> {
  const l = layoutDocument(doc);
  const document = new Document({
    title: l.title.join(''),
    creator: l.signatureOrg,
    lastModifiedBy: l.signatureOrg,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        // 5.2.3: 三号仿宋 throughout unless stated; the grid's charSpace is relative to this size.
        document: {
          run: { size: SIZE.sanhao, font: font('fangsong'), language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: mm(15), footer: FOOTER_DISTANCE, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GRID.linePitch, charSpace: GRID.charSpace },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [...headerBlock(l), ...mainBlock(l), ...recordBlock(l)],
      },
    ],
  });
  return withFontTable(await Packer.toBuffer(document));
}
