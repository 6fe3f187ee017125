/**
 * 档案数据 vocabulary (client-safe). Stages follow the life of a parcel (资产流) and its money
 * (资金流), plus the 公文合同 that govern them; retention periods and their codes are those of
 * DA/T 22-2015《归档文件整理规则》(永久 Y, 定期30年 D30, 定期10年 D10).
 */
export const ARCHIVE_OWNER_TYPES = ['地块', '项目'] as const;
export type TArchiveOwnerType = (typeof ARCHIVE_OWNER_TYPES)[number];

export const ARCHIVE_STAGES = ['计划', '收储', '入库', '开发', '管护', '供应', '资金', '公文合同'] as const;
export type TArchiveStage = (typeof ARCHIVE_STAGES)[number];

export const RETENTIONS = ['永久', '30年', '10年'] as const;
export type TRetention = (typeof RETENTIONS)[number];

/** 保管期限代码 (DA/T 22-2015). */
export const RETENTION_CODES: Record<TRetention, string> = { 永久: 'Y', '30年': 'D30', '10年': 'D10' };

/** Years a period runs; 永久 never ends. */
export const RETENTION_YEARS: Record<TRetention, number | null> = { 永久: null, '30年': 30, '10年': 10 };

export const SECRECY_LEVELS = ['公开', '内部'] as const;
export type TSecrecy = (typeof SECRECY_LEVELS)[number];

export const ITEM_SOURCES = ['上传', '地块环节', '发文', '收文', '合同', '记账凭证'] as const;
export type TItemSource = (typeof ITEM_SOURCES)[number];

/** Categories offered when an item is described (free text is refused: the catalogue must stay searchable). */
export const ITEM_CATEGORIES = ['批复文件', '请示报告', '会议纪要', '合同协议', '权属资料', '测绘成果', '评估报告', '补偿资料', '财务凭证', '照片影像', '验收资料', '出让资料', '其他'] as const;
export type TItemCategory = (typeof ITEM_CATEGORIES)[number];

/** At most this many files per item, each at most MAX_ITEM_FILE_MB. */
export const MAX_ITEM_FILES = 20;
export const MAX_ITEM_FILE_MB = 50;
