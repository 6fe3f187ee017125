/** Chinese names of the field keys this part of the funds module puts in its audit snapshots. */
export const AUDIT_LABELS: Record<string, string> = {
  fundSource: '资金来源',
  bankName: '开户银行',
  accountNo: '银行账号',
};
