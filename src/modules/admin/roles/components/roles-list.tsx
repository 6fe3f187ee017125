import type { Column } from '@/ui/kit/columns';
import { KitCard } from '@/ui/kit/card';
import { DataTable } from '@/ui/kit/data-table';
import { KitTag, type TagTheme } from '@/ui/kit/tag';
import { ROLE_KIND_LABELS } from '../kinds';
import type { RoleView, RolesOverview } from '../view';
import { PermissionEditor } from './permission-editor';
import { NewRoleButton, RoleRowActions } from './role-actions';
import { RoleTotpToggle } from './role-totp-toggle';

const KIND_THEME: Record<RoleView['kind'], TagTheme> = { sys: 'primary', sec: 'warning', audit: 'success', business: 'default' };

function columns(selectedId: string | null, own: ReadonlySet<string>): Column<RoleView>[] {
  return [
    {
      // The name selects the role (its permissions open below).
      key: 'name',
      title: '角色名称',
      kind: 'name',
      tooltip: (r) => r.name,
      render: (r) => (
        <>
          <a className="lr-link" href={`/admin/roles?id=${encodeURIComponent(r.id)}`} aria-current={r.id === selectedId ? 'true' : undefined}>
            {r.name}
          </a>
          {r.builtin && (
            <KitTag variant="outline" gap>
              内置
            </KitTag>
          )}
          {own.has(r.id) && (
            <KitTag theme="warning" gap>
              本人
            </KitTag>
          )}
        </>
      ),
    },
    { key: 'code', title: '编码', kind: 'code', width: 130, value: (r) => r.code },
    { key: 'kind', title: '类别', kind: 'tag', width: 130, render: (r) => <KitTag theme={KIND_THEME[r.kind]}>{ROLE_KIND_LABELS[r.kind]}</KitTag> },
    { key: 'users', title: '用户数', kind: 'count', value: (r) => r.userCount },
    { key: 'permissions', title: '权限数', kind: 'count', value: (r) => r.permissionCodes.length },
    {
      key: 'totp',
      title: '动态口令',
      kind: 'tag',
      width: 150,
      testId: 'role-totp',
      tooltip: (r) => (r.requiresTotp ? '登录须输入动态口令（双因素认证）' : '不要求动态口令'),
      render: (r) => (
        <span className="lr-tags">
          {r.requiresTotp ? <KitTag theme="warning">须动态口令</KitTag> : <span className="lr-muted">不要求</span>}
          <RoleTotpToggle role={r} own={own.has(r.id)} />
        </span>
      ),
    },
    { key: 'description', title: '说明', kind: 'name', value: (r) => r.description },
    { key: 'op', title: '操作', kind: 'actions', width: 130, render: (r) => <RoleRowActions role={r} selected={r.id === selectedId} /> },
  ];
}

/** 角色权限: the roles as a server-rendered table (a name selects the role), its permissions below (the editor is an island). */
export function RolesList({ overview }: { overview: RolesOverview }) {
  const selected = overview.roles.find((r) => r.id === overview.selectedId) ?? null;
  const own = new Set(overview.ownRoleIds);
  const readOnlyReason = selected && own.has(selected.id) ? '您担任此角色，不能修改自己所属角色的权限（三员分立：不能自我授权）。' : null;
  return (
    <div className="lr-stack">
      <KitCard title="角色" actions={<NewRoleButton />}>
        <div className="lr-muted" style={{ marginBottom: 12 }}>
          三员分立：系统管理员、安全管理员、审计管理员各管一摊，只能拥有本类权限和通用权限；业务角色不能拥有管理类权限。
        </div>
        <DataTable<RoleView>
          columns={columns(selected?.id ?? null, own)}
          rows={overview.roles}
          rowKey={(r) => r.id}
          rowClass={(r) => (r.id === selected?.id ? 'lr-row--selected' : undefined)}
          empty="还没有角色"
          testId="roles-table"
        />
      </KitCard>
      {selected ? (
        <PermissionEditor key={`${selected.id}:${selected.permissionCodes.join(',')}`} role={selected} groups={overview.groups} readOnlyReason={readOnlyReason} />
      ) : (
        <div className="lr-muted">点击角色名称查看和设置其权限。</div>
      )}
    </div>
  );
}
