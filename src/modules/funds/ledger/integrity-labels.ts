/** Words for the integrity verdicts of ledger entries (integrity.ts). Client-safe. */

/**
 * 'ok': tag matches (or an entry not approved and never tagged); 'tampered': tag does not match,
 * is malformed, or a tagged entry is no longer approved; 'untagged': approved without a tag (set
 * by SQL, or the tag removed); 'pending': approved before tags existed and not yet tagged;
 * 'unknown-key': tagged with a key version this server does not have.
 */
export type TLedgerIntegrity = 'ok' | 'tampered' | 'untagged' | 'pending' | 'unknown-key';

export const INTEGRITY_LABELS: Record<TLedgerIntegrity, string> = {
  ok: '',
  tampered: '数据完整性校验失败：该记录在数据库中被改动',
  untagged: '数据完整性校验失败：已审批记录缺少完整性标签',
  pending: '尚未加完整性标签（升级前审批，待运行 ledger:tag）',
  'unknown-key': '无法校验：完整性标签的密钥版本未配置',
};

/** Short text for a list or export column. */
export const INTEGRITY_SHORT: Record<TLedgerIntegrity, string> = {
  ok: '',
  tampered: '校验失败',
  untagged: '校验失败（缺标签）',
  pending: '未校验',
  'unknown-key': '无法校验',
};
