/** Chinese names of the field keys this part of the funds module puts in its audit snapshots. */
export const AUDIT_LABELS: Record<string, string> = {
  bond: '专项债券',
  annualRate: '年利率（%）',
  termYears: '期限（年）',
  issueDate: '发行日期',
  firstPaymentDate: '首次付息日',
  repaymentType: '还本付息方式',
  maturityDate: '到期日',
  scheduleRows: '还本付息期数',
  totalInterest: '利息合计（元）',
  allocatedOn: '分配日期',
  seq: '期次',
  dueDate: '应付日期',
  paidOn: '付款日期',
  principalPaid: '支付本金（元）',
  interestPaid: '支付利息（元）',
  voucherNo: '凭证号',
};
