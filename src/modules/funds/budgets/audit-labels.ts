/** Chinese names of the field keys this part of the funds module puts in its audit snapshots. */
export const AUDIT_LABELS: Record<string, string> = {
  budgetScope: '预算类型',
  budgetTotal: '预算合计（元）',
  budgetCompensation: '征收补偿预算（元）',
  budgetDevelopment: '前期开发预算（元）',
  budgetCustody: '管护预算（元）',
  budgetFinancing: '融资成本预算（元）',
  budgetOther: '其他预算（元）',
};
