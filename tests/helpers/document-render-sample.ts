import type { DocumentForRender } from '../../src/modules/documents/render/model';

/** A 下行文 with every part of GB/T 9704-2012 filled in, for the renderer tests. */
export const SAMPLE: DocumentForRender = {
  organName: '益阳市土地储备发展中心',
  organMark: '益阳市土地储备发展中心文件',
  number: '益土储发〔2026〕12号',
  copyNo: null,
  secrecy: '公开',
  urgency: '平件',
  upward: false,
  signers: ['王建国'],
  title: '关于印发《2027年度土地储备计划》的通知',
  mainRecipients: ['各区县（市）自然资源局', '市直有关单位'],
  body: [
    '为规范土地储备工作，现将《2027年度土地储备计划》印发给你们，请认真贯彻执行。',
    '',
    '一、总体要求',
    '（一）工作目标。到2027年底完成收储3000亩。',
    '1.资金安排',
    '严格执行资金拨付审批程序，',
    '确保专款专用。',
    '',
    '（1）按季度编制资金使用计划。',
  ].join('\n'),
  attachments: ['2027年度土地储备计划表。', '资金测算表'],
  signatureOrg: '益阳市土地储备发展中心',
  date: '2026-12-07',
  copyRecipients: ['市财政局', '市审计局'],
  printingOrg: '益阳市土地储备发展中心办公室',
  printDate: '2026-12-08',
};
