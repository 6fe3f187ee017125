/**
 * Every setting with its default, unit, bounds and where its value comes from. The database
 * stores only overrides (system_settings) and, for a value that is local practice or not yet
 * checked against the regulation text, who confirmed it (setting_confirmations).
 */
const R17 = '《土地储备管理办法》（国土资规〔2017〕17号）';
const LOCAL = '本中心规定';
const B17 = '《地方政府土地储备专项债券管理办法（试行）》（财预〔2017〕62号）';

export const SETTINGS = {
  'audit.retentionDays': {
    label: '审计记录保留期限',
    unit: '天',
    default: 180,
    min: 180,
    max: 3650,
    source: {
      kind: 'national',
      text: 'GB/T 22239-2019 8.1.4.3 c)（审计记录应受到保护、定期备份）；《网络安全法》第二十一条：网络日志留存不少于六个月。清理审计记录（npm run audit:purge）只删除早于该期限的记录',
    },
  },
  'parcel.reserveLimitDays': {
    label: '入库后未供应的预警期限',
    unit: '天',
    default: 730,
    min: 30,
    max: 3650,
    source: { kind: 'local', text: `${LOCAL}：储备土地入库后超过期限仍未供应的列入预警（${R17}要求储备土地及时供应，未规定具体期限）` },
  },
  'parcel.reserveDueSoonDays': {
    label: '入库期限临近提醒（提前）',
    unit: '天',
    default: 90,
    min: 0,
    max: 365,
    source: { kind: 'local', text: `${LOCAL}：入库期限届满前提前提醒` },
  },
  'parcel.tempUseLimitMonths': {
    label: '临时利用期限',
    unit: '个月',
    default: 24,
    min: 1,
    max: 120,
    source: {
      kind: 'national',
      toConfirm: true,
      text: `${R17}：储备土地的临时利用一般不超过两年（即 24 个月，按日历月计算，2024-02-29 起两年至 2026-02-28）`,
    },
  },
  'parcel.inspectionIntervalDays': {
    label: '管护巡查间隔',
    unit: '天',
    default: 30,
    min: 1,
    max: 365,
    source: { kind: 'local', text: `${LOCAL}：储备土地管护巡查的最长间隔（${R17}要求加强储备土地管护，未规定巡查频次）` },
  },
  'parcel.stalledDevelopmentDays': {
    label: '前期开发停滞预警',
    unit: '天',
    default: 90,
    min: 7,
    max: 730,
    source: { kind: 'local', text: `${LOCAL}：前期开发工程长期无进展的列入预警` },
  },
  'parcel.supervisionNoDays': {
    label: '入库后录入电子监管号的期限（0 = 入库前必须录入）',
    unit: '天',
    default: 30,
    min: 0,
    max: 365,
    source: {
      kind: 'local',
      text: `${LOCAL}：储备土地入库后超过该天数仍未录入电子监管号的列为红色预警，期限内为黄色提醒；设为 0 时未录入电子监管号不得入库（${R17}要求储备土地信息录入土地储备监测监管系统并取得电子监管号，未规定录入期限）`,
    },
  },
  'import.maxFileMb': { label: '边界文件大小上限', unit: 'MB', default: 20, min: 1, max: 500, source: { kind: 'technical', text: '系统技术参数' } },
  'import.maxFeatures': { label: '一次导入的地块数上限', unit: '个', default: 5000, min: 1, max: 20000, source: { kind: 'technical', text: '系统技术参数：限制单个文件的解析和校验时间' } },
  'import.areaDiffWarnPercent': {
    label: '边界导入面积与申报面积差异预警',
    unit: '%',
    default: 0.5,
    min: 0.01,
    max: 50,
    source: { kind: 'local', text: `${LOCAL}：部颁坐标文件申报面积与按坐标计算的椭球面积相差超过该比例时提示核对` },
  },
  'supply.agreementMinBenchmarkPercent': {
    label: '协议出让最低价占基准地价的比例',
    unit: '%',
    default: 70,
    min: 1,
    max: 100,
    source: {
      kind: 'national',
      toConfirm: true,
      text: '《协议出让国有土地使用权规定》（国土资源部令第21号）第五条：有基准地价的地区，协议出让最低价不得低于出让地块所在级别基准地价的70%',
    },
  },
  'fund.leaderThresholdYuan': {
    label: '资金收支须中心领导审批的金额（超过）',
    unit: '元',
    default: 1_000_000,
    min: 0,
    max: 10_000_000_000,
    source: { kind: 'local', text: `${LOCAL}（财务审批权限）：单笔超过该金额的收支须中心领导审批` },
  },
  'fund.coverageWarning': {
    label: '专项债券本息覆盖倍数预警线',
    unit: '倍',
    default: 1.2,
    min: 1,
    max: 10,
    source: { kind: 'local', text: `${LOCAL}：本息覆盖倍数低于该值时提示风险（1.2 为常用预警值；${B17}要求项目预计土地出让收入能够覆盖债券本息，即不低于 1 倍）` },
  },
  'fund.coverageBasis': {
    label: '本息覆盖倍数的收入口径',
    unit: '',
    default: 1,
    min: 0,
    max: 1,
    choices: [
      { value: 0, label: '毛收入：预计土地出让收入' },
      { value: 1, label: '净收入：扣除法定计提和非债券资金承担的成本' },
    ],
    source: { kind: 'local', text: `${LOCAL}（测算口径）：本息覆盖倍数按净收入或毛收入计算（${B17}要求项目预计土地出让收入覆盖债券本息，未规定测算口径）` },
  },
  'fund.statutoryExtractionPercent': {
    label: '土地出让收入法定计提合计比例（按净收入测算时扣除）',
    unit: '%',
    default: 20,
    min: 0,
    max: 80,
    source: {
      kind: 'local',
      text: `${LOCAL}（测算口径）：从土地出让收入中依法计提的国有土地收益基金、农业土地开发资金、农田水利建设资金、教育资金等，按占土地出让收入的比例合计估算（各项计提按财政部门规定，合计比例为本中心估算）`,
    },
  },
  'fund.bondShareLimitPercent': {
    label: '专项债券占项目预计出让收入上限',
    unit: '%',
    default: 70,
    min: 1,
    max: 100,
    source: { kind: 'local', text: `${LOCAL}：项目使用的专项债券资金不超过项目预计土地出让收入的该比例` },
  },
  'fund.bondAnnualCouponMaxYears': {
    label: '专项债券按年付息的最长期限（以上每半年付息）',
    unit: '年',
    default: 10,
    min: 1,
    max: 30,
    source: { kind: 'national', toConfirm: true, text: '财政部地方政府债券发行管理有关规定：10 年期及以下债券按年付息，10 年期以上债券每半年付息（文号与原文待核实）' },
  },
  'fund.bondUnsuppliedWarnMonths': {
    label: '专项债券还本日前地块仍未供应的预警期限',
    unit: '个月',
    default: 12,
    min: 1,
    max: 60,
    source: { kind: 'local', text: `${LOCAL}：使用专项债券的项目，在债券还本日前该月数内仍有地块未供应的，提示风险（${B17}要求项目土地出让收入优先偿还债券本息）` },
  },
  'fund.overspendPolicy': {
    label: '支出超出预算或使项目可用余额为负时',
    unit: '',
    default: 1,
    min: 0,
    max: 1,
    choices: [
      { value: 0, label: '不予审批' },
      { value: 1, label: '提示，审批人确认后可通过' },
    ],
    source: { kind: 'local', text: `${LOCAL}（财务审批制度）：支出超出预算或使项目可用余额为负时的处理` },
  },
  'incoming.remindDays': {
    label: '收文办理期限临近提醒（提前）',
    unit: '天',
    default: 3,
    min: 0,
    max: 30,
    source: { kind: 'local', text: `${LOCAL}：分办事项在办理期限前该天数内列入承办科室的待办提醒（逾期事项始终列入）` },
  },
  'contract.milestoneDueDays': {
    label: '合同付款节点到期提醒（提前）',
    unit: '天',
    default: 30,
    min: 0,
    max: 365,
    source: { kind: 'local', text: `${LOCAL}：合同付款计划的节点在该天数内到期且尚未付足的，列入工作台待办` },
  },
  'contract.endingDays': {
    label: '合同到期提醒（提前）',
    unit: '天',
    default: 60,
    min: 0,
    max: 365,
    source: { kind: 'local', text: `${LOCAL}：生效合同在该天数内到期（结束日期）的，列入工作台待办，提示办理履行完毕、续签或变更` },
  },
  'archive.maxLoanDays': {
    label: '档案借阅最长期限',
    unit: '天',
    default: 30,
    min: 1,
    max: 365,
    source: { kind: 'local', text: `${LOCAL}：申请借阅档案时，归还日期最迟为申请之日起该天数之后；期满即不能查看和下载，须归还或重新申请` },
  },
} as const satisfies Record<string, TSettingDef>;

/**
 * Where a setting's value comes from: a national text (shown as 国家规定 once checked; `toConfirm`
 * while the text has not been checked), the centre's own practice (待核实 until an administrator
 * records who confirmed it), or a technical limit of the system.
 */
export type TSettingSourceKind = 'national' | 'local' | 'technical';
interface TSettingSourceDef {
  kind: TSettingSourceKind;
  text: string;
  toConfirm?: boolean;
}

interface TSettingDef {
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  /** A setting that is one of a few named options: the value is the option's number. */
  choices?: readonly { value: number; label: string }[];
  source: TSettingSourceDef;
}

/** The named options of a choice setting, or null for a plain number. */
export function settingChoices(key: TSettingKey): readonly { value: number; label: string }[] | null {
  const def: TSettingDef = SETTINGS[key];
  return def.choices ?? null;
}

export type TSettingKey = keyof typeof SETTINGS;

/** Groups for the settings page, by key prefix. */
export const SETTING_GROUPS: { prefix: string; name: string }[] = [
  { prefix: 'parcel.', name: '地块与预警' },
  { prefix: 'import.', name: '边界导入' },
  { prefix: 'supply.', name: '土地供应' },
  { prefix: 'fund.', name: '资金管理' },
  { prefix: 'incoming.', name: '收文办理' },
  { prefix: 'contract.', name: '合同管理' },
  { prefix: 'archive.', name: '档案管理' },
  { prefix: 'audit.', name: '安全审计' },
];

/** Decimals a value may carry: whole numbers where the default is whole, else 2. */
export function settingDecimals(key: TSettingKey): number {
  return Number.isInteger(SETTINGS[key].default) ? 0 : 2;
}

/** Why `raw` is not an acceptable value for `key` (Chinese), or null. */
export function settingValueProblem(key: TSettingKey, raw: string): string | null {
  const def = SETTINGS[key];
  const text = raw.trim();
  const decimals = settingDecimals(key);
  const pattern = decimals === 0 ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(text)) return decimals === 0 ? `「${def.label}」应为整数` : `「${def.label}」应为数字，最多两位小数`;
  const n = Number(text);
  const choices = settingChoices(key);
  if (choices) return choices.some((c) => c.value === n) ? null : `「${def.label}」应为以下之一：${choices.map((c) => c.label).join('、')}`;
  if (n < def.min || n > def.max) return `「${def.label}」应在 ${def.min}–${def.max} ${def.unit}之间`;
  return null;
}
export type TSettings = { [K in TSettingKey]: number };

export function defaultSettings(): TSettings {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.default])) as TSettings;
}

/** Stored overrides on top of defaults; values out of bounds or unparsable fall back to the default. */
export function resolveSettings(rows: { key: string; value: string }[]): TSettings {
  const out = defaultSettings();
  for (const { key, value } of rows) {
    if (!(key in SETTINGS)) continue;
    const def = SETTINGS[key as TSettingKey];
    const n = Number(value);
    if (Number.isFinite(n) && n >= def.min && n <= def.max) out[key as TSettingKey] = n;
  }
  return out;
}

/** A confirmation of a setting's value and source (setting_confirmations). */
export interface TSettingConfirmation {
  value: number;
  note: string;
  confirmedByName: string | null;
  confirmedAt: Date;
}

export type TSettingSourceStatus = '国家规定' | '待核实' | '已核实' | '系统参数';

/** Whether the value in force needs confirming (and is not confirmed for this very value). */
export function settingSourceStatus(key: TSettingKey, value: number, confirmation: TSettingConfirmation | null): TSettingSourceStatus {
  const source = (SETTINGS[key] as TSettingDef).source;
  if (source.kind === 'technical') return '系统参数';
  if (source.kind === 'national' && !source.toConfirm) return '国家规定';
  return confirmation && confirmation.value === value ? '已核实' : '待核实';
}

/**
 * The source of a setting as a rule's message cites it: the text, and 「（待核实）」 or
 * 「（已核实：说明）」 for a value that is local practice or not yet checked against the text.
 */
export function settingSourceText(key: TSettingKey, value: number, confirmation: TSettingConfirmation | null): string {
  const source = (SETTINGS[key] as TSettingDef).source;
  const status = settingSourceStatus(key, value, confirmation);
  if (status === '待核实') return `${source.text}（待核实）`;
  if (status === '已核实') return `${source.text}（已核实：${confirmation!.note}）`;
  return source.text;
}

export function settingSource(key: TSettingKey): TSettingSourceDef {
  return (SETTINGS[key] as TSettingDef).source;
}
