import type { DocumentForRender } from './model';

/** The fields of a 发文 row the renderers read (a subset of the documents table). */
export interface RenderableDocument {
  docType: string;
  title: string;
  issuingOrg: string;
  mainRecipients: string | null;
  copyRecipients: string | null;
  urgency: string;
  secrecy: string;
  docDate: string | null;
  body: string;
  docNo: string | null;
  signerName: string | null;
  signedAt: Date | null;
}

/** 请示 and 报告 go up to a superior organ (上行文): GB/T 9704-2012 7.2.4 prints 签发人 for them. */
const UPWARD_TYPES = new Set(['请示', '报告']);

/** Recipients are typed as one line, separated by 、，, ; or line breaks. */
export function splitRecipients(text: string | null): string[] {
  return (text ?? '')
    .split(/[、，,;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An attachment's title for 附件说明: its file name without the extension. */
export function attachmentTitle(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * The form's rule (正文: 段落之间换行) — every line typed is a paragraph — in the renderers' terms,
 * where a blank line separates paragraphs (their parser joins wrapped lines of pasted text).
 */
export function paragraphsOf(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim())
    .join('\n\n');
}

function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A 发文 as the GB/T 9704 renderers take it. The issuing organ prints its own mark
 * (「…文件」), signs (落款) and prints (印发机关); 印发日期 is the 签发 date (today for a draft).
 */
export function toRenderModel(doc: RenderableDocument, attachmentNames: readonly string[], today: string): DocumentForRender {
  const signedOn = doc.signedAt ? shanghaiDate(doc.signedAt) : null;
  const date = doc.docDate ?? signedOn ?? today;
  return {
    organName: doc.issuingOrg,
    organMark: `${doc.issuingOrg}文件`,
    number: doc.docNo,
    secrecy: doc.secrecy === '内部' ? '内部' : '公开',
    urgency: doc.urgency === '特急' || doc.urgency === '加急' ? doc.urgency : '平件',
    upward: UPWARD_TYPES.has(doc.docType),
    signers: doc.signerName ? [doc.signerName] : [],
    title: doc.title,
    mainRecipients: splitRecipients(doc.mainRecipients),
    body: paragraphsOf(doc.body),
    attachments: attachmentNames.map(attachmentTitle),
    signatureOrg: doc.issuingOrg,
    date,
    copyRecipients: splitRecipients(doc.copyRecipients),
    printingOrg: doc.issuingOrg,
    printDate: signedOn ?? date,
  };
}
