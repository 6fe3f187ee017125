import type { Column } from '@/ui/kit/columns';
import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { SettingActions } from './setting-actions';
import { settingNumberText, settingRangeText, settingValueText, type SettingView } from './setting-format';

const STATUS_THEME: Record<SettingView['sourceStatus'], TagTheme> = { 国家规定: 'success', 待核实: 'warning', 已核实: 'primary', 系统参数: 'default' };

const confirmationText = (s: SettingView) => (s.confirmation ? `核实：${s.confirmation.note}（${s.confirmation.by ?? '—'}，${s.confirmation.at}）` : '');

const COLUMNS: Column<SettingView>[] = [
  // The whole name: the other columns are sized to their content, the name takes the rest.
  { key: 'label', title: '参数', kind: 'name', value: (s) => s.label },
  {
    key: 'value',
    title: '当前值',
    kind: 'count',
    width: 130,
    tooltip: (s) => settingValueText(s, s.value),
    render: (s) => (
      <>
        {s.overridden && (
          <KitTag theme="primary">已调整</KitTag>
        )}
        <b className="lr-gap">{settingNumberText(s, s.value)}</b>
        {!s.choices && s.unit && <span className="lr-gap">{s.unit}</span>}
      </>
    ),
  },
  { key: 'default', title: '默认值', kind: 'count', width: 100, tooltip: (s) => settingValueText(s, s.defaultValue), render: (s) => settingValueText(s, s.defaultValue) },
  { key: 'range', title: '允许范围', kind: 'text', width: 120, tooltip: (s) => settingRangeText(s), render: (s) => settingRangeText(s) },
  {
    key: 'updated',
    title: '最近修改',
    kind: 'person',
    width: 200,
    tooltip: (s) => (s.updatedAt ? `${s.updatedBy?.name ?? '—'}${s.updatedBy?.department ? ` · ${s.updatedBy.department}` : ''}，${s.updatedAt}` : undefined),
    render: (s) =>
      s.updatedAt ? (
        <>
          {s.updatedBy?.name ?? '—'}
          <span className="lr-muted lr-gap lr-num">{s.updatedAt.slice(0, 10)}</span>
        </>
      ) : (
        <span className="lr-muted">—</span>
      ),
  },
  { key: 'op', title: '操作', kind: 'actions', width: 180, render: (s) => <SettingActions setting={s} /> },
];

/** Where a setting's value comes from and whether that is confirmed: the line under its row. */
function Source({ setting: s }: { setting: SettingView }) {
  return (
    <div className="lr-muted" style={{ fontSize: 12 }} data-testid={`setting-source-${s.key}`}>
      <KitTag theme={STATUS_THEME[s.sourceStatus]}>{s.sourceStatus}</KitTag>
      <span className="lr-gap">依据：{s.source}</span>
      {s.confirmation && <div style={{ marginTop: 2 }}>{confirmationText(s)}</div>}
    </div>
  );
}

/** 系统参数: limits and thresholds used by the rules, one server-rendered table per group; the row actions are islands. */
export function SettingsList(props: { settings: SettingView[] }) {
  const groups = [...new Set(props.settings.map((s) => s.group))];
  return (
    <div className="lr-stack">
      {groups.map((g) => (
        <KitCard key={g} title={g} testId={`settings-${g}`}>
          <DataTable<SettingView>
            columns={COLUMNS}
            rows={props.settings.filter((s) => s.group === g)}
            rowKey={(s) => s.key}
            expandedRow={(s) => <Source setting={s} />}
            expandedOpen
          />
        </KitCard>
      ))}
      <div className="lr-muted" style={{ fontSize: 12 }}>
        参数修改立即生效，并记入审计日志。「国家规定」的参数取自法规原文；「待核实」的参数为本中心惯例或尚未核对原文的规定，系统在引用时注明「待核实」，由系统管理员核实后记录依据（修改参数值后须重新核实）。
      </div>
    </div>
  );
}
