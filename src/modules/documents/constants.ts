/** Client-safe vocabulary of the 公文 module. */
export const DOCUMENT_TYPES = ['请示', '报告', '通知', '函', '批复', '会议纪要', '决定', '意见', '通报', '纪要'] as const;
export type TDocumentType = (typeof DOCUMENT_TYPES)[number];

export const URGENCIES = ['平件', '加急', '特急'] as const;
export type TUrgency = (typeof URGENCIES)[number];

export const SECRECY_LEVELS = ['公开', '内部'] as const;
export type TSecrecy = (typeof SECRECY_LEVELS)[number];

/**
 * Where a 发文 stands: 草稿 until first submitted, 审批中 up to 签发, 已退回 after a return, 已签发
 * once it has its number (用印 / 分发 / 归档 follow), 已归档 when its flow ends.
 */
export const DOCUMENT_STATUSES = ['草稿', '审批中', '已退回', '已签发', '已归档'] as const;
export type TDocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Before 签发, body and title may still change (by the drafter, at the 拟稿 step). */
export const SIGNED_STATUSES: readonly TDocumentStatus[] = ['已签发', '已归档'];

export const DOCUMENT_DIRECTIONS = ['发文'] as const;

/** The flow of a 发文 of this type (flow_definitions.kind). */
export const flowKindOf = (type: string) => `发文:${type}`;
export const DOCUMENT_OBJECT = 'document';

/** Step keys the 公文 module knows: what each needs besides the role, and which one assigns the number. */
export const STEP_DRAFT = 'draft';
export const STEP_ISSUE = 'issue';
export const STEP_PERMISSIONS: Record<string, string> = {
  draft: 'document:draft',
  review: 'document:review',
  countersign: 'document:review',
  issue: 'document:sign',
  seal: 'document:seal',
  distribute: 'document:seal',
  archive: 'document:seal',
};
/** Steps an administrator adds get this permission (核稿-like). */
export const STEP_PERMISSION_DEFAULT = 'document:review';

export const SIGNED_IS_FINAL = '已签发的公文不能修改';

export const LINK_TYPES = ['plan', 'project', 'parcel'] as const;
export type TLinkType = (typeof LINK_TYPES)[number];
export const LINK_TYPE_LABELS: Record<TLinkType, string> = { plan: '储备计划', project: '储备项目', parcel: '地块' };

/** attachments.owner_type of a document's files. */
export const DOCUMENT_ATTACHMENT_OWNER = 'document';
