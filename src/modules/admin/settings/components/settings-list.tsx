import type { Column } from '@/ui/kit/columns';
import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { SettingActions } from './setting-actions';
import { settingNumberText, settingRangeText, settingValueText, type SettingView } from './setting-format';

const STATUS_THEME: Record<SettingView['sourceStatus'], TagTheme> = { 国家规定: 'success', 待核实: 'warning', 已核实: 'primary', 系统参数: 'default' };

const confirmationText = (s: SettingView) => (s.confirmation ? `核实：${s.confirmation.note}（${s.confirmation.by ?? '—'}，${s.confirmation.at}）` : '');

const COLUMNS: Column<SettingView>[] = [
  {
    // The setting's name on its own line, then where its value comes from and whether that is confirmed.
    key: 'label',
    title: '参数与依据',
    kind: 'name',
    tooltip: (s) => [s.label, `${s.sourceStatus} · 依据：${s.source}`, confirmationText(s)].filter(Boolean).join('\n'),
    render: (s) => (
      <>
        <div className="lr-line">{s.label}</div>
        <div className="lr-line lr-muted" style={{ fontSize: 12, marginTop: 2 }} data-testid={`setting-source-${s.key}`}>
          <KitTag theme={STATUS_THEME[s.sourceStatus]}>{s.sourceStatus}</KitTag>
          <span className="lr-gap">依据：{s.source}</span>
        </div>
        {s.confirmation && (
          <div className="lr-line lr-muted" style={{ fontSize: 12 }}>
            {confirmationText(s)}
          </div>
        )}
      </>
    ),
  },
  {
    key: 'value',
    title: '当前值',
    kind: 'count',
    width: 150,
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
  { key: 'range', title: '允许范围', kind: 'text', width: 130, tooltip: (s) => settingRangeText(s), render: (s) => settingRangeText(s) },
  {
    key: 'updated',
    title: '最近修改',
    kind: 'person',
    width: 210,
    tooltip: (s) => (s.updatedAt ? `${s.updatedBy?.name ?? '—'}${s.updatedBy?.department ? ` · ${s.updatedBy.department}` : ''}，${s.updatedAt}` : undefined),
    render: (s) =>
      s.updatedAt ? (
        <>
          {s.updatedBy?.name ?? '—'}
          <span className="lr-muted lr-gap lr-num">{s.updatedAt}</span>
        </>
      ) : (
        <span className="lr-muted">—</span>
      ),
  },
  { key: 'op', title: '操作', kind: 'actions', width: 160, render: (s) => <SettingActions setting={s} /> },
];

/** 系统参数: limits and thresholds used by the rules, one server-rendered table per group; the row actions are islands. */
export function SettingsList(props: { settings: SettingView[] }) {
  const groups = [...new Set(props.settings.map((s) => s.group))];
  return (
    <div className="lr-stack">
      {groups.map((g) => (
        <KitCard key={g} title={g} testId={`settings-${g}`}>
          <DataTable<SettingView> columns={COLUMNS} rows={props.settings.filter((s) => s.group === g)} rowKey={(s) => s.key} />
        </KitCard>
      ))}
      <div className="lr-muted" style={{ fontSize: 12 }}>
        参数修改立即生效，并记入审计日志。「国家规定」的参数取自法规原文；「待核实」的参数为本中心惯例或尚未核对原文的规定，系统在引用时注明「待核实」，由系统管理员核实后记录依据（修改参数值后须重新核实）。
      </div>
    </div>
  );
}
