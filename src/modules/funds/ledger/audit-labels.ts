/** Chinese names of the field keys this part of the funds module puts in its audit snapshots. */
export const AUDIT_LABELS: Record<string, string> = {
  entryNo: '收支编号',
  direction: '收支方向',
  entryDate: '发生日期',
  source: '资金来源',
  account: '资金账户',
  parcel: '地块',
  voucherNo: '凭证号',
  counterparty: '收款/付款单位',
  origin: '登记来源',
  reversalOf: '冲销的原记录',
  reversedBy: '冲销记录',
  leaderRequired: '须中心领导审批',
  comment: '审批意见',
  acknowledgedWarnings: '已确认的资金预警',
};
