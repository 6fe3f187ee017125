import { FUNDS_AUDIT_LABELS } from '@/modules/funds/audit-labels';

/**
 * Chinese names for the field keys that mutations put in their audit snapshots, so auditors
 * read 「姓名」 rather than `displayName`. Unknown keys are shown as they are.
 */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  ...FUNDS_AUDIT_LABELS,
  username: '用户名',
  displayName: '姓名',
  department: '科室',
  departmentName: '科室',
  roles: '角色',
  role: '角色',
  status: '状态',
  phone: '联系电话',
  mustChangePwd: '须修改密码',
  lockedUntil: '锁定至',
  failedAttempts: '连续失败次数',
  name: '名称',
  code: '编号',
  parentId: '上级科室ID',
  parentName: '上级科室',
  sortOrder: '排序',
  kind: '类别',
  description: '说明',
  builtin: '内置',
  permissions: '权限',
  stage: '环节',
  title: '标题',
  docNo: '文号',
  approvedOn: '批准日期',
  version: '版本',
  planType: '计划类型',
  years: '计划年度',
  setting: '参数',
  confirmNote: '核实说明',
  usage: '用途',
  url: '服务地址',
  wmsLayers: 'WMS 图层',
  sourceLayers: '矢量图层名',
  apiKey: '密钥',
  attribution: '版权说明',
  enabled: '启用',
  basemap: '底图',
  value: '值',
  startYear: '起始年度',
  endYear: '终止年度',
  adjustReason: '调整原因',
  acquireCount: '收储入库宗数',
  acquireArea: '收储入库面积（平方米）',
  developCount: '前期开发宗数',
  developArea: '前期开发面积（平方米）',
  supplyCount: '供应宗数',
  supplyArea: '供应面积（平方米）',
  custodyCount: '管护宗数',
  custodyArea: '管护面积（平方米）',
  fundNeed: '资金需求（元）',
  zone: '储备片区',
  plan: '所属计划',
  acquisitionRoute: '收储方式',
  implDocNo: '实施方案文号',
  estimatedCost: '估算成本（元）',
  expectedIncome: '预计出让收入（元）',
  nationalCode: '国家系统项目编码',
  note: '备注',
  supervisionNo: '电子监管号',
  location: '坐落位置',
  project: '所属项目',
  district: '区县',
  areaM2: '面积（平方米）',
  boundary: '边界',
  currentUse: '现状用途',
  plannedUse: '规划用途',
  plotRatio: '容积率',
  servicing: '开发程度',
  titleCertNo: '不动产权证号',
  titleRegisteredOn: '权属登记日期',
  hazardSoil: '土壤污染状况调查',
  hazardRelics: '文物考古调查',
  hazardMinerals: '压覆矿产调查',
  hazardGeology: '地质灾害危险性评估',
  stageSince: '环节起始日期',
  eventDate: '办理日期',
  amount: '金额（元）',
  reason: '原因',
  mode: '供应方式',
  noticeDate: '公告日期',
  startingPrice: '起始价（元）',
  dealPrice: '成交价（元）',
  transferee: '受让人',
  contractNo: '合同编号',
  dealDate: '成交日期',
  handoverDate: '交地日期',
  partyType: '对象类型',
  idNumber: '证件号码',
  agreementNo: '补偿协议编号',
  agreementSignedOn: '协议签订日期',
  amountAgreed: '协议金额（元）',
  amountPaid: '已支付金额（元）',
  items: '补偿明细',
  category: '类别',
  workType: '工程类型',
  contractor: '施工单位',
  supervisor: '监理单位',
  contractAmount: '合同金额（元）',
  progress: '进度（%）',
  startedOn: '开工日期',
  acceptedOn: '验收日期',
  custodyMode: '管护方式',
  custodian: '管护单位',
  tempUseStart: '临时利用开始日期',
  tempUseEnd: '临时利用结束日期',
  inspectedOn: '巡查日期',
  inspector: '巡查人',
  findings: '巡查发现',
  rectification: '整改措施',
  rectifiedOn: '整改完成日期',
  inspectionId: '巡查记录',
  eventId: '流转记录',
  fileName: '文件名',
  mimeType: '文件类型',
  sizeBytes: '大小（字节）',
  sm3: 'SM3 摘要',
};

const VALUE_LABELS: Record<string, string> = {
  active: '启用',
  disabled: '停用',
  business: '业务',
  sys: '系统管理员类',
  sec: '安全管理员类',
  audit: '审计管理员类',
  current: '现行版本',
  superseded: '历史版本',
  annual: '年度计划',
  rolling: '三年滚动计划',
  closed: '已关闭',
};

export function auditFieldLabel(key: string): string {
  return AUDIT_FIELD_LABELS[key] ?? key;
}

/** A diff value as text: empty marked, booleans as 是/否, arrays joined, records as 「名称：值」, known codes named. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(auditValueText).join('、') : '（无）';
  if (typeof value === 'string') return VALUE_LABELS[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${auditFieldLabel(k)}：${auditValueText(v)}`);
    return parts.length ? `（${parts.join('，')}）` : '（空）';
  }
  return String(value);
}
