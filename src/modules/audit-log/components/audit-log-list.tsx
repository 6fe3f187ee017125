import type { Column } from '@/ui/kit/columns';
import { ExpandToggle } from '@/ui/kit/expand-toggle';
import { LinkButton } from '@/ui/kit/link-button';
import { ListPage } from '@/ui/kit/list-page';
import { ObjectRef, type ObjectRefView } from '@/ui/kit/object-ref';
import { listHref } from '@/ui/kit/query';
import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { PersonName, personText } from '@/ui/person-name';
import { auditFieldLabel, auditValueText } from '../field-labels';
import { AUDIT_RESULTS, type AuditRow, type TAuditFilter } from '../queries';

export type AuditRowView = Omit<AuditRow, 'occurredAt'> & { occurredAt: string; object: ObjectRefView | null };

const RESULT_THEME: Record<string, TagTheme> = { 成功: 'success', 失败: 'danger', 拒绝: 'warning' };

/** 登录名 · 角色 recorded with the entry (the roles held at the time). */
const accountText = (r: AuditRowView) => [r.username, r.roleNames].filter(Boolean).join(' · ');

/** The field changes of an entry, as labelled rows (plain markup inside the expanded row). */
function DiffView({ diff }: { diff: string }) {
  let parsed: Record<string, { from: unknown; to: unknown }>;
  try {
    parsed = JSON.parse(diff) as typeof parsed;
  } catch {
    return <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{diff}</pre>;
  }
  const entries = Object.entries(parsed);
  if (!entries.length) return <span className="lr-muted">无字段变化</span>;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'max-content max-content minmax(0, 1fr)', columnGap: 24, rowGap: 4 }} data-testid="audit-diff">
      <div className="lr-muted">字段</div>
      <div className="lr-muted">修改前</div>
      <div className="lr-muted">修改后</div>
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <div>{auditFieldLabel(k)}</div>
          <div>{auditValueText(v.from)}</div>
          <div>{auditValueText(v.to)}</div>
        </div>
      ))}
    </div>
  );
}

function Details({ row }: { row: AuditRowView }) {
  const account = accountText(row);
  return (
    <>
      {account && <div className="lr-muted" style={{ marginBottom: 6 }}>登录名 · 角色：{account}</div>}
      {row.diff ? <DiffView diff={row.diff} /> : <span className="lr-muted">无字段变化记录</span>}
    </>
  );
}

const COLUMNS: Column<AuditRowView>[] = [
  { key: 'expand', title: '', kind: 'actions', width: 40, render: () => <ExpandToggle label="展开字段变化" /> },
  { key: 'seq', title: '序号', kind: 'count', width: 72, value: (r) => r.seq },
  { key: 'occurredAt', title: '时间', kind: 'datetime', value: (r) => r.occurredAt },
  {
    key: 'user',
    title: '用户',
    kind: 'person',
    width: 230,
    testId: 'audit-user',
    // Name and section, then the login name. No person: a login attempt with an unknown login
    // name, or the system itself (start-up, demo data). The roles held at the time are in the tooltip and details.
    tooltip: (r) => [personText(r.person), accountText(r) && `登录名 ${accountText(r)}`].filter(Boolean).join('\n') || undefined,
    render: (r) => (
      <>
        <PersonName person={r.person} empty={r.username ? '（未识别用户）' : '（系统）'} />
        {r.username && <span className="lr-muted lr-gap lr-num">{r.username}</span>}
      </>
    ),
  },
  { key: 'action', title: '操作', kind: 'text', width: 140, value: (r) => r.action, tooltip: (r) => r.action },
  {
    key: 'object',
    title: '对象',
    kind: 'name',
    testId: 'audit-object',
    tooltip: (r) => (r.objectType ? `${r.objectType}${r.object ? `：${r.object.deleted ? `${r.object.id}（已删除）` : [r.object.code, r.object.name ?? r.object.id].filter(Boolean).join(' ')}` : ''}` : undefined),
    render: (r) =>
      r.objectType ? (
        <>
          <span className="lr-muted">{r.objectType}</span>
          {r.object && (
            <span className="lr-gap">
              <ObjectRef value={r.object} />
            </span>
          )}
        </>
      ) : (
        <span className="lr-muted">—</span>
      ),
  },
  { key: 'result', title: '结果', kind: 'tag', width: 72, render: (r) => <KitTag theme={RESULT_THEME[r.result] ?? 'default'}>{r.result}</KitTag> },
  { key: 'message', title: '说明', kind: 'name', value: (r) => r.message },
  { key: 'ip', title: 'IP', kind: 'text', width: 120, value: (r) => r.ip, tooltip: (r) => r.ip ?? undefined },
];

/** 审计日志: server-rendered by the page kit; the filter bar is its only client island, the field changes open with CSS. */
export function AuditLogList(props: {
  filter: TAuditFilter;
  total: number;
  rows: AuditRowView[];
  options: { actions: string[]; objectTypes: string[] };
  canExport: boolean;
}) {
  const f = props.filter;
  const values = { user: f.user, action: f.action, object: f.object, result: f.result, from: f.from, to: f.to };
  return (
    <ListPage<AuditRowView>
      title="审计日志"
      path="/admin/audit"
      testId="audit"
      totalText={`共 ${props.total} 条记录`}
      filters={{
        values,
        defs: [
          { kind: 'keyword', key: 'user', placeholder: '姓名或登录名', width: 160 },
          { kind: 'select', key: 'action', placeholder: '操作', width: 180, filterable: true, options: props.options.actions.map((a) => ({ label: a, value: a })) },
          { kind: 'select', key: 'object', placeholder: '对象类型', width: 160, filterable: true, options: props.options.objectTypes.map((a) => ({ label: a, value: a })) },
          { kind: 'select', key: 'result', placeholder: '结果', width: 110, options: AUDIT_RESULTS.map((a) => ({ label: a, value: a })) },
          { kind: 'dateRange', key: 'from', toKey: 'to', placeholder: ['开始日期', '结束日期'], width: 260 },
        ],
      }}
      toolbar={props.canExport && <LinkButton href={listHref('/api/admin/audit/export', values)}>导出 CSV</LinkButton>}
      table={{ columns: COLUMNS, rows: props.rows, rowKey: (r) => String(r.seq), empty: '没有符合条件的记录', testId: 'audit-table', expandedRow: (r) => <Details row={r} /> }}
      paging={{ page: f.page, size: f.size, total: props.total }}
    />
  );
}
