/**
 * 预归档 rules (client-safe): where a collected record is filed and what it is proposed as.
 * One table for the parcel stage → archive stage mapping and one for each source's defaults.
 */
import type { TStage } from '@/modules/parcels/stages';
import type { TArchiveStage, TItemCategory, TRetention, TSecrecy } from './constants';

/** Where records are collected from (archive_pending.source_type; 上传 is 著录, never collected). */
export const COLLECT_SOURCES = ['地块环节', '发文', '收文', '合同', '记账凭证'] as const;
export type TCollectSource = (typeof COLLECT_SOURCES)[number];

export const PENDING_STATUSES = ['待归档', '已归档', '已退回'] as const;
export type TPendingStatus = (typeof PENDING_STATUSES)[number];

/**
 * The archive stage of the records of a parcel lifecycle stage, collected when the parcel leaves
 * it: 拟收储 is the 计划 stage, 收储中 收储, 已入库 入库, 前期开发 开发, 可供应 (held, 管护 and
 * 临时利用 until supplied) 管护, 已供应 供应. 终止 is final: a parcel does not leave it, so
 * nothing is collected from it (null).
 */
export const PARCEL_STAGE_ARCHIVE: Record<TStage, TArchiveStage | null> = {
  拟收储: '计划',
  收储中: '收储',
  已入库: '入库',
  前期开发: '开发',
  可供应: '管护',
  已供应: '供应',
  终止: null,
};

export function archiveStageOfParcelStage(stage: string): TArchiveStage | null {
  return (PARCEL_STAGE_ARCHIVE as Record<string, TArchiveStage | null>)[stage] ?? null;
}

export interface CollectDefaults {
  category: TItemCategory;
  retention: TRetention;
  secrecy: TSecrecy;
}

/**
 * Proposed category, retention and secrecy per source; the 档案管理员 may change retention and
 * secrecy on acceptance. Sources:
 * - 《会计档案管理办法》(财政部 国家档案局令第79号) 第十四条及附表一: 记账凭证 保管 30 年;
 * - 《机关文件材料归档范围和文书档案保管期限规定》(国家档案局令第8号) 第八条: 本机关制发的
 *   重要文件 and 收到的上级机关文件 with lasting value: 永久 (发文); other 收文 定期 30 年;
 * - 合同协议 and 土地权属 / 收储 / 供应 records bear on property rights for as long as the land
 *   is held or transferred: 永久 (land-reserve practice, 《土地储备管理办法》(国土资规〔2017〕17号)
 *   要求建立土地储备档案).
 * Everything is 内部 by default (a record is made 公开 only by the archivist's decision).
 */
export const COLLECT_DEFAULTS: Record<TCollectSource, CollectDefaults> = {
  地块环节: { category: '权属资料', retention: '永久', secrecy: '内部' },
  发文: { category: '批复文件', retention: '永久', secrecy: '内部' },
  收文: { category: '批复文件', retention: '30年', secrecy: '内部' },
  合同: { category: '合同协议', retention: '永久', secrecy: '内部' },
  记账凭证: { category: '财务凭证', retention: '30年', secrecy: '内部' },
};

/** The archive stage records of a source are filed under (地块环节: PARCEL_STAGE_ARCHIVE). */
export const COLLECT_STAGE: Record<Exclude<TCollectSource, '地块环节'>, TArchiveStage> = {
  发文: '公文合同',
  收文: '公文合同',
  合同: '公文合同',
  记账凭证: '资金',
};

export const RETURN_REASON_MIN = 2;
export const RETURN_REASON_MAX = 200;
export const PENDING_DECIDED = '该记录已由他人处理，请刷新后重试';
export const PENDING_NOT_FOUND = '待归档记录不存在或已被删除，请刷新后重试';
/** At most this many records per batch acceptance. */
export const MAX_ACCEPT_BATCH = 100;
