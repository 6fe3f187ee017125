/**
 * What the GB/T 9704-2012 renderers (`docx.ts`, `print-view.tsx`) need of a 发文. Independent of
 * the documents tables: the documents module maps its rows onto this shape.
 */
export interface DocumentForRender {
  /** 发文机关全称, e.g. 益阳市土地储备发展中心 */
  organName: string;
  /** 发文机关标志, e.g. 益阳市土地储备发展中心文件 (7.2.4) */
  organMark: string;
  /** 发文字号, e.g. 益土储发〔2026〕12号; null for an unsigned draft, printed 「（未编号）」 (7.2.5) */
  number: string | null;
  /** 份号 (7.2.1), optional; digits only are padded to six places */
  copyNo?: string | null;
  /** 密级: 内部 is printed top left where the standard puts 密级 (7.2.2); 公开 prints nothing */
  secrecy: '公开' | '内部';
  /** 紧急程度 (7.2.3): printed unless 平件 */
  urgency: '特急' | '加急' | '平件';
  /** 上行文 (请示/报告): 发文字号 left and 签发人 right on one line (7.2.5, 7.2.6) */
  upward: boolean;
  /** 签发人 names in signing order */
  signers: string[];
  title: string;
  /** 主送机关 (7.3.2) */
  mainRecipients: string[];
  /**
   * 正文 as plain text: blank lines separate paragraphs; a line beginning 一、 / （一） / 1. / （1）
   * is a heading of level 1–4 (7.3.3) and starts a paragraph of its own.
   */
  body: string;
  /** 附件说明: attachment titles in order (7.3.4) */
  attachments: string[];
  /** 落款: 发文机关署名 (7.3.5) */
  signatureOrg: string;
  /** 成文日期 YYYY-MM-DD, printed 2026年12月7日 (7.3.5.4) */
  date: string;
  /** 抄送机关 (7.4.2) */
  copyRecipients: string[];
  /** 印发机关 (7.4.3) */
  printingOrg: string;
  /** 印发日期 YYYY-MM-DD (7.4.3) */
  printDate: string;
}
