/** Every setting with its default, unit and bounds; the database stores only overrides. */
export const SETTINGS = {
  'parcel.reserveLimitDays': { label: '入库后未供应的预警期限', unit: '天', default: 730, min: 30, max: 3650 },
  'parcel.reserveDueSoonDays': { label: '入库期限临近提醒（提前）', unit: '天', default: 90, min: 0, max: 365 },
  'parcel.tempUseLimitDays': { label: '临时利用期限', unit: '天', default: 730, min: 30, max: 3650 },
  'parcel.inspectionIntervalDays': { label: '管护巡查间隔', unit: '天', default: 30, min: 1, max: 365 },
  'parcel.stalledDevelopmentDays': { label: '前期开发停滞预警', unit: '天', default: 90, min: 7, max: 730 },
  'import.maxFileMb': { label: '边界文件大小上限', unit: 'MB', default: 20, min: 1, max: 500 },
  'import.areaDiffWarnPercent': { label: '边界导入面积与申报面积差异预警', unit: '%', default: 0.5, min: 0.01, max: 50 },
  'fund.leaderThresholdYuan': { label: '资金收支须中心领导审批的金额（超过）', unit: '元', default: 1_000_000, min: 0, max: 10_000_000_000 },
  'fund.coverageWarning': { label: '专项债券本息覆盖倍数预警线', unit: '倍', default: 1.2, min: 1, max: 10 },
  'fund.bondShareLimitPercent': { label: '专项债券占项目预计出让收入上限', unit: '%', default: 70, min: 1, max: 100 },
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
  },
} as const satisfies Record<string, TSettingDef>;

interface TSettingDef {
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  /** A setting that is one of a few named options: the value is the option's number. */
  choices?: readonly { value: number; label: string }[];
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
  { prefix: 'fund.', name: '资金管理' },
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
