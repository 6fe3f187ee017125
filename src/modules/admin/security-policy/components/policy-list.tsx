import type { Column } from '@/ui/kit/columns';
import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag } from '@/ui/kit/tag';
import { PolicyActions } from './policy-actions';
import { policyNumberText, policyRangeText, policyShortText, policyValueText, type PolicyView } from './policy-format';

const COLUMNS: Column<PolicyView>[] = [
  { key: 'label', title: '策略项', kind: 'name', value: (p) => p.label },
  {
    key: 'value',
    title: '当前值',
    kind: 'count',
    width: 150,
    tooltip: (p) => policyValueText(p, p.value),
    render: (p) => (
      <span data-testid={`policy-value-${p.key}`}>
        {p.overridden && <KitTag theme="primary">已设置</KitTag>}
        <b className="lr-gap">{policyNumberText(p, p.value)}</b>
        {!p.choices && p.unit && <span className="lr-gap">{p.unit}</span>}
      </span>
    ),
  },
  { key: 'default', title: '默认值', kind: 'count', width: 110, tooltip: (p) => policyValueText(p, p.defaultValue), render: (p) => policyShortText(p, p.defaultValue) },
  {
    key: 'range',
    title: '允许范围',
    kind: 'text',
    width: 130,
    tooltip: (p) => (p.choices ? p.choices.map((c) => c.label).join(' / ') : policyRangeText(p)),
    render: (p) => policyRangeText(p),
  },
  {
    key: 'updated',
    title: '最近修改',
    kind: 'person',
    width: 190,
    tooltip: (p) => (p.updatedAt ? `${p.updatedBy?.name ?? '—'}${p.updatedBy?.department ? ` · ${p.updatedBy.department}` : ''}，${p.updatedAt}` : undefined),
    render: (p) =>
      p.updatedAt ? (
        <>
          {p.updatedBy?.name ?? '—'}
          <span className="lr-muted lr-gap lr-num">{p.updatedAt.slice(0, 10)}</span>
        </>
      ) : (
        <span className="lr-muted">—</span>
      ),
  },
  { key: 'op', title: '操作', kind: 'actions', width: 150, render: (p) => <PolicyActions policy={p} /> },
];

function Source({ policy: p }: { policy: PolicyView }) {
  return (
    <div className="lr-muted" style={{ fontSize: 12 }} data-testid={`policy-source-${p.key}`}>
      依据：{p.source}
    </div>
  );
}

/** 安全策略: one server-rendered table per group (口令 / 登录失败处理 / 会话 / 双因素鉴别); the row actions are islands. */
export function SecurityPolicyList(props: { policies: PolicyView[] }) {
  const groups = [...new Set(props.policies.map((p) => p.group))];
  return (
    <div className="lr-stack">
      {groups.map((g) => (
        <KitCard key={g} title={g} testId={`policy-${g}`}>
          <DataTable<PolicyView>
            columns={COLUMNS}
            rows={props.policies.filter((p) => p.group === g)}
            rowKey={(p) => p.key}
            expandedRow={(p) => <Source policy={p} />}
            expandedOpen
          />
        </KitCard>
      ))}
      <div className="lr-muted" style={{ fontSize: 12 }}>
        安全策略由安全管理员设置（三员分立：系统管理员管理账号，不设置保护账号的规则）。修改记入审计日志，下一次登录即按新值执行，已登录的会话在数秒内按新值检查；未设置的项取默认值（登录与会话的默认值为安装时的环境变量）。口令历史只约束用户本人设置的口令：管理员重置的临时口令须在下次登录时修改，届时检查历史。
      </div>
    </div>
  );
}
