import { describe, expect, it } from 'vitest';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { buildDocx, GRID, MARGIN, PAGE } from '../../src/modules/documents/render/docx';
import { formatChineseDate, layoutDocument, parseBody, signatureLayout, widthInChars } from '../../src/modules/documents/render/layout';
import { listDocxParts, readDocxPart, readDocxText } from '../../src/modules/documents/render/read-docx';
import { SAMPLE } from '../helpers/document-render-sample';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';


function xml(s: string) {
  return new DOMParser().parseFromString(s, 'text/xml');
}
const els = (root: { getElementsByTagNameNS(ns: string, n: string): ArrayLike<XmlElement> }, name: string) =>
  Array.from(root.getElementsByTagNameNS(W, name));
const attr = (e: XmlElement | undefined, name: string) => e?.getAttributeNS(W, name) ?? null;
const paragraphText = (p: XmlElement) => els(p, 't').map((t) => t.textContent).join('');

/** The first w:p whose text is exactly (or starts with) `text`. */
function paragraphOf(doc: ReturnType<typeof xml>, text: string, prefix = false): XmlElement {
  const p = els(doc, 'p').find((x) => (prefix ? paragraphText(x).startsWith(text) : paragraphText(x) === text));
  if (!p) throw new Error(`no paragraph 「${text}」`);
  return p;
}
/** The w:r holding `text` and its rPr's values. */
function runOf(doc: ReturnType<typeof xml>, text: string) {
  const r = els(doc, 'r').find((x) => els(x, 't').some((t) => t.textContent === text));
  if (!r) throw new Error(`no run 「${text}」`);
  const fonts = els(r, 'rFonts')[0];
  return {
    eastAsia: attr(fonts, 'eastAsia'),
    ascii: attr(fonts, 'ascii'),
    size: Number(attr(els(r, 'sz')[0], 'val')),
    color: attr(els(r, 'color')[0], 'val'),
    bold: els(r, 'b').length > 0,
    scale: attr(els(r, 'w')[0], 'val'),
  };
}

/** Each of `expected` found (equal, or as the start of a paragraph when it ends with …) after the previous one. */
function expectInOrder(paragraphs: string[], expected: string[]) {
  let at = -1;
  for (const want of expected) {
    const prefix = want.endsWith('…') ? want.slice(0, -1) : null;
    const i = paragraphs.findIndex((p, k) => k > at && (prefix !== null ? p.startsWith(prefix) : p === want));
    expect(i, `「${want}」 after paragraph ${at} in ${JSON.stringify(paragraphs)}`).toBeGreaterThan(at);
    at = i;
  }
}

describe('buildDocx: a 发文 in the GB/T 9704-2012 layout', () => {
  it('reads back with every part in order', async () => {
    const buf = await buildDocx(SAMPLE);
    const paragraphs = readDocxText(buf);
    expectInOrder(paragraphs, [
      '益阳市土地储备发展中心文件',
      '益土储发〔2026〕12号',
      '关于印发《2027年度土地储备计划》的通知',
      '各区县（市）自然资源局、市直有关单位：',
      '为规范土地储备工作，现将《2027年度土地储备计划》印发给你们，请认真贯彻执行。',
      '一、总体要求',
      '（一）工作目标。到2027年底完成收储3000亩。',
      '1.资金安排',
      '严格执行资金拨付审批程序，确保专款专用。',
      '（1）按季度编制资金使用计划。',
      '附件：1.2027年度土地储备计划表',
      '2.资金测算表',
      '益阳市土地储备发展中心',
      '2026年12月7日',
      '抄送：市财政局，市审计局。',
      '益阳市土地储备发展中心办公室',
      '2026年12月8日印发',
    ]);
    // 公开 and 平件 print nothing top left; no 签发人 on a 下行文.
    expect(paragraphs.indexOf('益阳市土地储备发展中心文件')).toBe(0);
    expect(paragraphs.join('\n')).not.toMatch(/签发人|公开|平件/);
  });

  it('page, margins and the 22 × 28 grid (5.2.1, 5.2.2, 5.2.4)', async () => {
    const doc = xml(readDocxPart(await buildDocx(SAMPLE)));
    const pgSz = els(doc, 'pgSz')[0];
    const pgMar = els(doc, 'pgMar')[0];
    const grid = els(doc, 'docGrid')[0];
    expect([attr(pgSz, 'w'), attr(pgSz, 'h')]).toEqual(['11906', '16838']);
    const m = { top: Number(attr(pgMar, 'top')), left: Number(attr(pgMar, 'left')), right: Number(attr(pgMar, 'right')), bottom: Number(attr(pgMar, 'bottom')) };
    expect(m).toEqual(MARGIN);
    const mm = (tw: number) => tw / 56.6929;
    expect(mm(m.top)).toBeCloseTo(37, 0); // 天头
    expect(mm(m.left)).toBeCloseTo(28, 0); // 订口
    expect(mm(PAGE.width - m.left - m.right)).toBeCloseTo(156, 0); // 版心宽
    expect(mm(PAGE.height - m.top - m.bottom)).toBeCloseTo(225, 0); // 版心高
    expect(attr(grid, 'type')).toBe('linesAndChars');
    const linePitch = Number(attr(grid, 'linePitch'));
    const charSpace = Number(attr(grid, 'charSpace'));
    expect({ linePitch, charSpace }).toEqual(GRID);
    // Word: lines = floor(版心 height / pitch); character pitch = default size + charSpace / 4096 pt.
    expect(Math.floor((PAGE.height - m.top - m.bottom) / linePitch)).toBe(22);
    const styles = xml(readDocxPart(await buildDocx(SAMPLE), 'word/styles.xml'));
    const defaultSize = Number(attr(els(els(styles, 'rPrDefault')[0], 'sz')[0], 'val')) / 2;
    expect(defaultSize).toBe(16);
    const charPitch = defaultSize + charSpace / 4096;
    expect(Math.floor((PAGE.width - m.left - m.right) / 20 / charPitch)).toBe(28);
    // …and it is the tightest value that does: 10/4096 pt more per character and only 27 fit.
    expect(Math.floor((PAGE.width - m.left - m.right) / 20 / (defaultSize + (charSpace + 10) / 4096))).toBe(27);
  });

  it('版头: red 小标宋 mark, 发文字号 centred with the red line as wide as the 版心 under it (7.2.4, 7.2.5, 7.2.7)', async () => {
    const doc = xml(readDocxPart(await buildDocx(SAMPLE)));
    const mark = runOf(doc, '益阳市土地储备发展中心文件');
    expect(mark.color).toBe('FF0000');
    expect(mark.eastAsia).toBe('方正小标宋简体');
    expect(mark.size).toBeGreaterThanOrEqual(2 * 26); // at least 一号
    expect(attr(els(paragraphOf(doc, '益阳市土地储备发展中心文件'), 'jc')[0], 'val')).toBe('center');

    const numberP = paragraphOf(doc, '益土储发〔2026〕12号');
    expect(attr(els(numberP, 'jc')[0], 'val')).toBe('center');
    const line = els(els(numberP, 'pBdr')[0], 'bottom')[0];
    expect(attr(line, 'color')).toBe('FF0000');
    expect(attr(line, 'val')).toBe('single');
    expect(els(numberP, 'ind')).toHaveLength(0); // no indent: the line spans the 版心
    expect(runOf(doc, '益土储发〔2026〕12号').eastAsia).toBe('仿宋_GB2312');
    // 标志下空二行
    expect(attr(els(numberP, 'spacing')[0], 'before')).toBe(String(2 * GRID.linePitch));
  });

  it('title 二号小标宋 centred, body 三号仿宋 with 左空二字, headings 黑体 / 楷体 / 仿宋加粗 (7.3.1, 7.3.3)', async () => {
    const doc = xml(readDocxPart(await buildDocx(SAMPLE)));
    const title = runOf(doc, '关于印发《2027年度土地储备计划》的通知');
    expect(title).toMatchObject({ eastAsia: '方正小标宋简体', size: 44 });
    expect(attr(els(paragraphOf(doc, '关于印发《2027年度土地储备计划》的通知'), 'jc')[0], 'val')).toBe('center');

    const bodyText = '为规范土地储备工作，现将《2027年度土地储备计划》印发给你们，请认真贯彻执行。';
    expect(runOf(doc, bodyText)).toMatchObject({ eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', size: 32, bold: false });
    const ind = els(paragraphOf(doc, bodyText), 'ind')[0];
    expect(attr(ind, 'firstLineChars')).toBe('200');
    expect(attr(els(paragraphOf(doc, bodyText), 'jc')[0], 'val')).toBe('both');

    expect(runOf(doc, '一、总体要求')).toMatchObject({ eastAsia: '黑体', size: 32 });
    expect(runOf(doc, '（一）工作目标。')).toMatchObject({ eastAsia: '楷体_GB2312', size: 32 });
    expect(runOf(doc, '到2027年底完成收储3000亩。')).toMatchObject({ eastAsia: '仿宋_GB2312' });
    expect(runOf(doc, '1.资金安排')).toMatchObject({ eastAsia: '仿宋_GB2312', bold: true });
    expect(runOf(doc, '（1）按季度编制资金使用计划。')).toMatchObject({ eastAsia: '仿宋_GB2312', bold: false });
  });

  it('落款: 成文日期 右空四字, 署名 centred over it; 版记 four-号 at the foot with thick / thin / thick lines (7.3.5.1, 7.4)', async () => {
    const buf = await buildDocx(SAMPLE);
    const doc = xml(readDocxPart(buf));
    const dateP = paragraphOf(doc, '2026年12月7日');
    expect(attr(els(dateP, 'jc')[0], 'val')).toBe('right');
    expect(attr(els(dateP, 'ind')[0], 'right')).toBe(String(4 * 316));
    // 署名 (11 字) is wider than the date (6.5 字): its centre over the date's centre.
    const orgRight = Number(attr(els(paragraphOf(doc, '益阳市土地储备发展中心'), 'ind')[0], 'right')) / 316;
    const dateCentre = 4 + widthInChars('2026年12月7日') / 2;
    const orgCentre = orgRight + widthInChars('益阳市土地储备发展中心') / 2;
    expect(orgCentre).toBeCloseTo(dateCentre, 1);

    const table = els(doc, 'tbl')[0];
    const tblpPr = els(table, 'tblpPr')[0];
    expect([attr(tblpPr, 'vertAnchor'), attr(tblpPr, 'tblpYSpec')]).toEqual(['margin', 'bottom']);
    const borders = els(table, 'tblBorders')[0];
    const size = (side: string) => Number(attr(els(borders, side)[0], 'sz'));
    expect(size('top')).toBe(8); // 0.35 mm ≈ 1 pt
    expect(size('bottom')).toBe(8);
    expect(size('insideH')).toBe(6); // 0.25 mm ≈ ¾ pt
    expect(attr(els(borders, 'left')[0], 'val')).toBe('none');
    expect(runOf(doc, '抄送：市财政局，市审计局。')).toMatchObject({ eastAsia: '仿宋_GB2312', size: 28 });
    expect(runOf(doc, '2026年12月8日印发').size).toBe(28);
    expect(attr(els(paragraphOf(doc, '2026年12月8日印发'), 'jc')[0], 'val')).toBe('right');
  });

  it('page numbers 「— 1 —」 in 四号宋体, odd pages right and even pages left (7.5)', async () => {
    const buf = await buildDocx(SAMPLE);
    expect(readDocxPart(buf, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const docXml = xml(readDocxPart(buf));
    const refs = els(docXml, 'footerReference').map((r) => attr(r, 'type'));
    expect(refs.sort()).toEqual(['default', 'even']);
    const footers = listDocxParts(buf).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(footers).toHaveLength(2);
    const sides = footers.map((part) => {
      const f = xml(readDocxPart(buf, part));
      expect(els(f, 'instrText').map((t) => t.textContent?.trim())).toEqual(['PAGE']);
      expect(readDocxText(buf, part)).toEqual(['—  —']); // the field's value is Word's to fill in
      const run = els(f, 'r')[0];
      expect(attr(els(run, 'rFonts')[0], 'eastAsia')).toBe('宋体');
      expect(attr(els(run, 'sz')[0], 'val')).toBe('28');
      return attr(els(f, 'jc')[0], 'val');
    });
    expect(sides.sort()).toEqual(['left', 'right']);
  });

  it('names its fonts with the substitutes Word uses when one is missing', async () => {
    const fonts = xml(readDocxPart(await buildDocx(SAMPLE), 'word/fontTable.xml'));
    const alt = Object.fromEntries(els(fonts, 'font').map((f) => [attr(f, 'name'), attr(els(f, 'altName')[0], 'val')]));
    expect(alt).toMatchObject({ 仿宋_GB2312: '仿宋', 楷体_GB2312: '楷体', 方正小标宋简体: '宋体', 黑体: 'SimHei', 宋体: 'SimSun' });
    for (const f of els(fonts, 'font')) expect(attr(els(f, 'charset')[0], 'val')).toBe('86');
  });

  it('上行文: 签发人 right on the 发文字号 line, two names a row; 份号, 密级 内部 and 紧急程度 top left (7.2.1–7.2.6)', async () => {
    const buf = await buildDocx({ ...SAMPLE, upward: true, signers: ['张三', '李四', '欧阳明'], copyNo: '7', secrecy: '内部', urgency: '特急' });
    const paragraphs = readDocxText(buf);
    expect(paragraphs.slice(0, 3)).toEqual(['000007', '内部', '特急']);
    expectInOrder(paragraphs, ['益阳市土地储备发展中心文件', '\t签发人：张三\t李四', '益土储发〔2026〕12号\t\t欧阳明', '关于印发《2027年度土地储备计划》的通知']);
    const doc = xml(readDocxPart(buf));
    expect(runOf(doc, '内部').eastAsia).toBe('黑体');
    expect(runOf(doc, '特急').eastAsia).toBe('黑体');
    expect(runOf(doc, '签发人：').eastAsia).toBe('仿宋_GB2312');
    expect(runOf(doc, '欧阳明').eastAsia).toBe('楷体_GB2312');
    // The red line under the row that carries the number; the names' column lines up on both rows.
    const last = paragraphOf(doc, '益土储发〔2026〕12号', true);
    expect(attr(els(els(last, 'pBdr')[0], 'bottom')[0], 'color')).toBe('FF0000');
    expect(attr(els(last, 'ind')[0], 'left')).toBe('316'); // 居左空一字
    const stops = (p: XmlElement) => els(p, 'tab').filter((t) => attr(t, 'pos')).map((t) => Number(attr(t, 'pos')));
    const first = paragraphOf(doc, '签发人：张三李四');
    expect(stops(first)).toEqual(stops(last));
    // 居右空一字: 「签发人：」 + two names of 3 字 + one 字 between, ending one 字 before the right edge.
    const [start, , col2] = stops(first);
    expect(col2 + 3 * 316).toBe(PAGE.width - MARGIN.left - MARGIN.right - 316);
    expect(start).toBe(col2 - 4 * 316 - 4 * 316);
  });

  it('a draft shows （未编号）; a one-signer 上行文 keeps everything on one row', async () => {
    const draft = readDocxText(await buildDocx({ ...SAMPLE, number: null }));
    expect(draft).toContain('（未编号）');
    expect(draft).not.toContain('益土储发〔2026〕12号');
    const up = readDocxText(await buildDocx({ ...SAMPLE, number: null, upward: true, signers: ['王建国'] }));
    expect(up).toContain('（未编号）\t签发人：王建国');
  });

  it('dates in Arabic numerals without leading zeros; a bad date is refused in Chinese (7.3.5.4, 7.4.3)', async () => {
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
    const p = readDocxText(await buildDocx({ ...SAMPLE, date: '2027-03-09', printDate: '2027-03-10' }));
    expect(p).toContain('2027年3月9日');
    expect(p).toContain('2027年3月10日印发');
    await expect(buildDocx({ ...SAMPLE, date: '2026-02-30' })).rejects.toThrow(/日期应为 YYYY-MM-DD/);
    await expect(buildDocx({ ...SAMPLE, printDate: '2026/12/08' })).rejects.toThrow(/2026\/12\/08/);
  });

  it('long titles and long marks do not break the document; a line break typed in the title is kept', async () => {
    const longTitle = '关于'.concat('进一步加强和规范土地储备项目全生命周期管理'.repeat(8), '的通知');
    const longMark = '益阳市自然资源和规划局益阳市土地储备发展中心益阳市财政局文件';
    const buf = await buildDocx({ ...SAMPLE, title: longTitle, organMark: longMark, attachments: ['很长的附件名称'.repeat(20)] });
    const paragraphs = readDocxText(buf);
    expect(paragraphs).toContain(longTitle);
    expect(paragraphs).toContain(longMark);
    const mark = runOf(xml(readDocxPart(buf)), longMark);
    expect(Number(mark.scale)).toBeGreaterThanOrEqual(60);
    expect((mark.size / 2) * widthInChars(longMark) * (Number(mark.scale) / 100)).toBeLessThanOrEqual(442.25); // one line in the 版心

    const twoLines = readDocxText(await buildDocx({ ...SAMPLE, title: '关于做好2027年度土地储备\n计划编制工作的通知' }));
    expect(twoLines).toContain('关于做好2027年度土地储备\n计划编制工作的通知');
  });

  it('escapes < & " and drops characters XML cannot carry', async () => {
    const body = '甲方 <script>alert("x")</script> & 乙方 \'丙\'\u0001\u0008结束';
    const buf = await buildDocx({ ...SAMPLE, body, title: 'A&B <标题>', mainRecipients: ['"市局" & <区局>'] });
    const docXml = readDocxPart(buf);
    expect(docXml).not.toContain('<script>');
    expect(docXml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 乙方');
    const paragraphs = readDocxText(buf); // parses strictly: a stray control character would throw
    expect(paragraphs).toContain('甲方 <script>alert("x")</script> & 乙方 \'丙\'结束');
    expect(paragraphs).toContain('A&B <标题>');
    expect(paragraphs).toContain('"市局" & <区局>：');
  });

  it('readDocxText refuses what is not a Word document', () => {
    expect(() => readDocxText(new Uint8Array([1, 2, 3]))).toThrow();
  });
});

describe('layout rules shared by the .docx and the print view', () => {
  it('splits the body into paragraphs and headings', () => {
    expect(parseBody('第一段第一行\n第一段第二行\n\n\n第二段\n  第三段（缩进开头）\n一、标题\n紧跟标题的一段\nABC\ndef')).toEqual([
      { level: 0, lead: '', rest: '第一段第一行第一段第二行' },
      { level: 0, lead: '', rest: '第二段' },
      { level: 0, lead: '', rest: '第三段（缩进开头）' },
      { level: 1, lead: '一、标题', rest: '' },
      { level: 0, lead: '', rest: '紧跟标题的一段ABC def' },
    ]);
    expect(parseBody('（二）措施。加强监管。\n(3)半角括号\n1.5亿元的资金\n2．全角点')).toEqual([
      { level: 2, lead: '（二）措施。', rest: '加强监管。' },
      { level: 4, lead: '(3)半角括号', rest: '' },
      { level: 0, lead: '', rest: '1.5亿元的资金' },
      { level: 3, lead: '2．全角点', rest: '' },
    ]);
    expect(parseBody('\r\n\r\n  \r\n')).toEqual([]);
  });

  it('centres the 署名 over a date 右空四字, and a very long 署名 at 右空一字 with the date centred under it', () => {
    expect(signatureLayout('益阳市土地储备发展中心', '2026年12月7日')).toEqual({ orgRight: 4 + (6.5 - 11) / 2, dateRight: 4 });
    expect(signatureLayout('市财政局', '2026年12月7日')).toEqual({ orgRight: 4 + (6.5 - 4) / 2, dateRight: 4 });
    const long = signatureLayout('益阳市自然资源和规划局益阳市土地储备发展中心', '2026年12月7日');
    expect(long.orgRight).toBe(1);
    expect(long.dateRight).toBe(1 + (22 - 6.5) / 2);
  });

  it('omits empty parts', () => {
    const l = layoutDocument({ ...SAMPLE, mainRecipients: [' '], attachments: [], copyRecipients: [], copyNo: '  ' });
    expect(l.recipients).toBeNull();
    expect(l.attachments).toEqual([]);
    expect(l.copy).toBeNull();
    expect(l.head).toEqual([]);
  });
});
