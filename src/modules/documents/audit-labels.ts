/** Chinese names of the field keys the 公文 mutations put in their audit snapshots. */
export const DOCUMENTS_AUDIT_LABELS: Record<string, string> = {
  docType: '公文类型',
  title: '标题',
  issuingOrg: '发文机关',
  mainRecipients: '主送机关',
  copyRecipients: '抄送机关',
  urgency: '紧急程度',
  secrecy: '密级',
  docDate: '成文日期',
  bodyLength: '正文字数',
  links: '关联（类别:数量）',
  steps: '流程步骤',
  docNo: '发文字号',
  step: '办理步骤',
  decision: '办理结果',
  opinion: '意见',
  template: '文号规则',
};
