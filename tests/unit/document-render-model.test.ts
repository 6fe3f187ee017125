import { describe, expect, it } from 'vitest';
import { attachmentTitle, paragraphsOf, splitRecipients, toRenderModel } from '../../src/modules/documents/render/from-row';
import { parseBody } from '../../src/modules/documents/render/layout';

const row = {
  docType: '通知',
  title: '关于开展自查的通知',
  issuingOrg: '益阳市土地储备发展中心',
  mainRecipients: '各科室、各分中心',
  copyRecipients: '',
  urgency: '平件',
  secrecy: '内部',
  docDate: null,
  body: '各科室：\n请于本月底前完成自查。\r\n\n特此通知。',
  docNo: null,
  signerName: null,
  signedAt: null,
};

describe('a 发文 row as the GB/T 9704 renderers take it', () => {
  it('every typed line is a paragraph (the form says 段落之间换行)', () => {
    expect(paragraphsOf(row.body)).toBe('各科室：\n\n请于本月底前完成自查。\n\n特此通知。');
    expect(parseBody(paragraphsOf(row.body)).map((p) => p.rest)).toEqual(['各科室：', '请于本月底前完成自查。', '特此通知。']);
  });

  it('splits recipients on 、，,;； and line breaks; drops empties', () => {
    expect(splitRecipients('甲局、乙局，丙局;丁局\n戊局')).toEqual(['甲局', '乙局', '丙局', '丁局', '戊局']);
    expect(splitRecipients(null)).toEqual([]);
    expect(splitRecipients(' 、 ')).toEqual([]);
  });

  it('attachment titles drop the extension only', () => {
    expect(attachmentTitle('项目清单.pdf')).toBe('项目清单');
    expect(attachmentTitle('2026.年度.计划.xlsx')).toBe('2026.年度.计划');
    expect(attachmentTitle('.hidden')).toBe('.hidden');
  });

  it('a draft: no number, today as 成文日期 and 印发日期; 上行文 only for 请示 and 报告', () => {
    const m = toRenderModel(row, ['清单.pdf'], '2026-12-08');
    expect(m.number).toBeNull();
    expect(m.date).toBe('2026-12-08');
    expect(m.printDate).toBe('2026-12-08');
    expect(m.upward).toBe(false);
    expect(m.organMark).toBe('益阳市土地储备发展中心文件');
    expect(m.attachments).toEqual(['清单']);
    expect(toRenderModel({ ...row, docType: '请示' }, [], '2026-12-08').upward).toBe(true);
  });

  it('an issued one: 印发日期 is the 签发 day in Beijing time, 签发人 the signer', () => {
    const m = toRenderModel({ ...row, docNo: '益土储发〔2026〕3号', signerName: '张主任', signedAt: new Date('2026-12-07T18:38:00Z'), docDate: '2026-12-05' }, [], '2026-12-09');
    expect(m.printDate).toBe('2026-12-08');
    expect(m.date).toBe('2026-12-05');
    expect(m.signers).toEqual(['张主任']);
    expect(m.secrecy).toBe('内部');
  });
});
