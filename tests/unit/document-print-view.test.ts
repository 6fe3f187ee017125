import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DOMParser } from '@xmldom/xmldom';
import { DocumentPrintView } from '../../src/modules/documents/render/print-view';
import type { DocumentForRender } from '../../src/modules/documents/render/model';
import { SAMPLE } from '../helpers/document-render-sample';

const render = (doc: DocumentForRender) => renderToStaticMarkup(createElement(DocumentPrintView, { doc }));

/** The markup as a DOM (React's static markup is well-formed XML for this component). */
function dom(html: string) {
  return new DOMParser().parseFromString(html, 'text/xml');
}

/** Text of every element with `className`, in document order. */
function textsOf(html: string, className: string): string[] {
  const out: string[] = [];
  const all = dom(html).getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const cls = (all[i].getAttribute('class') ?? '').split(' ');
    if (cls.includes(className)) out.push(all[i].textContent ?? '');
  }
  return out;
}

function expectInOrder(text: string, parts: string[]) {
  let at = -1;
  for (const part of parts) {
    const i = text.indexOf(part, at + 1);
    expect(i, `「${part}」 after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
}

describe('DocumentPrintView: a 发文 as printable HTML in the GB/T 9704-2012 layout', () => {
  it('carries the same parts as the .docx, in order', () => {
    const html = render(SAMPLE);
    const text = dom(html).documentElement!.textContent ?? '';
    expectInOrder(text, [
      '益阳市土地储备发展中心文件',
      '益土储发〔2026〕12号',
      '关于印发《2027年度土地储备计划》的通知',
      '各区县（市）自然资源局、市直有关单位：',
      '为规范土地储备工作',
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
    expect(textsOf(html, 'gw-text')).toEqual([
      '为规范土地储备工作，现将《2027年度土地储备计划》印发给你们，请认真贯彻执行。',
      '一、总体要求',
      '（一）工作目标。到2027年底完成收储3000亩。',
      '1.资金安排',
      '严格执行资金拨付审批程序，确保专款专用。',
      '（1）按季度编制资金使用计划。',
    ]);
    expect(textsOf(html, 'gw-h1')).toEqual(['一、总体要求']);
    expect(textsOf(html, 'gw-h2')).toEqual(['（一）工作目标。']);
    expect(textsOf(html, 'gw-h3')).toEqual(['1.资金安排']);
    expect(textsOf(html, 'gw-mark')).toEqual(['益阳市土地储备发展中心文件']);
    expect(textsOf(html, 'gw-title')).toEqual(['关于印发《2027年度土地储备计划》的通知']);
    expect(textsOf(html, 'gw-date')).toEqual(['2026年12月7日']);
    expect(text).not.toMatch(/签发人|公开|平件/);
  });

  it('上行文 shows 签发人 with the number; 份号, 内部 and 紧急程度 top left; a draft shows （未编号）', () => {
    const html = render({ ...SAMPLE, upward: true, number: null, signers: ['张三', '李四', '欧阳明'], copyNo: '12', secrecy: '内部', urgency: '加急' });
    expect(textsOf(html, 'gw-line')).toEqual(['000012', '内部', '加急']);
    expect(textsOf(html, 'gw-number-row')).toEqual(['（未编号）签发人：张三李四欧阳明']);
    expect(textsOf(html, 'gw-signer')).toEqual(['张三', '李四', '欧阳明']);
    expect(html).toContain('--name-width:3');
    expect(textsOf(render({ ...SAMPLE, number: null }), 'gw-number')).toEqual(['（未编号）']);
  });

  it('escapes HTML and runs no script', () => {
    const html = render({
      ...SAMPLE,
      title: '<img src=x onerror=alert(1)>',
      body: '甲方 <script>alert("x")</script> & 乙方\u0001',
      mainRecipients: ['"市局" & <区局>'],
      attachments: ['<b>附件</b>'],
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 乙方');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(textsOf(html, 'gw-recipients')).toEqual(['"市局" & <区局>：']);
    expect(html).not.toContain('\u0001');
    // A server component without client code: no event handlers in the markup.
    const all = dom(html).getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) {
      for (let j = 0; j < all[i].attributes.length; j++) expect(all[i].attributes[j].name).not.toMatch(/^on/i);
    }
    expect(dom(html).getElementsByTagName('article')[0].getAttribute('aria-label')).toBe('<img src=x onerror=alert(1)>');
    const source = readFileSync('src/modules/documents/render/print-view.tsx', 'utf8');
    expect(source).not.toMatch(/['"]use client['"]/);
  });

  it('a typed line break in the title gives two title lines; long titles render', () => {
    expect(textsOf(render({ ...SAMPLE, title: '关于做好2027年度土地储备\n计划编制工作的通知' }), 'gw-title-line')).toEqual(['关于做好2027年度土地储备', '计划编制工作的通知']);
    const long = '关于'.concat('进一步加强和规范土地储备项目全生命周期管理'.repeat(8), '的通知');
    expect(textsOf(render({ ...SAMPLE, title: long }), 'gw-title')).toEqual([long]);
  });

  it('print.css: A4 with the 9704 margins, the 22 × 28 grid, red 版头 line, page numbers, fonts with fallbacks', () => {
    const css = readFileSync('src/modules/documents/render/print.css', 'utf8');
    expect(css).toMatch(/@page\s*{\s*size:\s*A4;\s*margin:\s*37mm 26mm 35mm 28mm;/);
    expect(css).toContain('--line: calc(225mm / 22)');
    expect(css).toContain('--char: calc(156mm / 28)');
    expect(css).toMatch(/letter-spacing:\s*calc\(var\(--char\) - 16pt\)/);
    expect(css).toMatch(/border-bottom:\s*1\.5pt solid var\(--red\)/);
    expect(css).toMatch(/--red:\s*#f00/);
    expect(css).toMatch(/@bottom-right\s*{\s*content:\s*'— ' counter\(page\) ' —'/);
    expect(css).toMatch(/@bottom-left\s*{\s*content:\s*'— ' counter\(page\) ' —'/);
    for (const family of ["'仿宋_GB2312'", 'FangSong', "'仿宋'", "'Noto Serif CJK SC'", "'楷体_GB2312'", "'黑体'", "local('方正小标宋简体')"]) expect(css).toContain(family);
  });
});
