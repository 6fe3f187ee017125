import type { Column } from '@/ui/kit/columns';
import { ListPage } from '@/ui/kit/list-page';
import { KitTag } from '@/ui/kit/tag';
import { USER_STATUS_LABELS, USER_STATUSES } from '../validation';
import type { DepartmentOption, RoleOptionView, UserFilterView, UserRowView } from '../view';
import { UserRowActions } from './user-row-actions';
import { NewUserButton, UsersDialogsProvider } from './users-dialogs';

function columns(currentUserId: string, can: { manage: boolean; grant: boolean }): Column<UserRowView>[] {
  return [
    {
      key: 'username',
      title: '用户名',
      kind: 'code',
      tooltip: (r) => r.username,
      value: (r) => r.username,
      demo: (r) => r.isDemo,
    },
    { key: 'displayName', title: '姓名', kind: 'name', value: (r) => r.displayName },
    { key: 'department', title: '科室', kind: 'text', width: 150, value: (r) => r.departmentName, tooltip: (r) => r.departmentName ?? undefined },
    {
      key: 'roles',
      title: '角色',
      kind: 'name',
      tooltip: (r) => r.roles.map((x) => x.name).join('、') || '待安全管理员授予角色',
      render: (r) =>
        r.roles.length ? (
          <span className="lr-tags">
            {r.roles.map((x) => (
              <KitTag key={x.id} theme={x.kind === 'business' ? 'default' : 'primary'}>
                {x.name}
              </KitTag>
            ))}
          </span>
        ) : (
          <span className="lr-muted">待授予</span>
        ),
    },
    {
      key: 'status',
      title: '状态',
      kind: 'tag',
      width: 140,
      testId: 'user-status',
      tooltip: (r) => [USER_STATUS_LABELS[r.status], r.lockedLabel].filter(Boolean).join('，'),
      render: (r) => (
        <span className="lr-tags">
          <KitTag theme={r.status === 'active' ? 'success' : 'default'}>{USER_STATUS_LABELS[r.status]}</KitTag>
          {r.lockedLabel && <KitTag theme="danger">{r.lockedLabel}</KitTag>}
        </span>
      ),
    },
    { key: 'lastLogin', title: '最近登录', kind: 'datetime', render: (r) => r.lastLogin || <span className="lr-muted">从未登录</span> },
    { key: 'actions', title: '操作', kind: 'actions', width: 200, render: (r) => <UserRowActions user={r} isSelf={r.id === currentUserId} canManage={can.manage} canGrant={can.grant} /> },
  ];
}

/** 用户管理: server-rendered by the page kit; the filter bar, the new-user button and each row's actions are islands. */
export function UsersList(props: {
  filter: UserFilterView;
  total: number;
  rows: UserRowView[];
  departments: DepartmentOption[];
  roles: RoleOptionView[];
  currentUserId: string;
  /** 系统管理员: accounts (new, edit, reset, disable). */
  canManage: boolean;
  /** The 安全策略's password rule in force, for the password fields' hint. */
  passwordRule: string;
  /** 安全管理员: grants roles. */
  canGrant: boolean;
}) {
  const f = props.filter;
  return (
    <UsersDialogsProvider departments={props.departments} roles={props.roles} currentUserId={props.currentUserId} passwordRule={props.passwordRule}>
      <ListPage<UserRowView>
        title="用户管理"
        path="/admin/users"
        testId="users"
        totalText={`共 ${props.total} 个用户`}
        filters={{
          values: { q: f.q, dept: f.dept, status: f.status },
          defs: [
            { kind: 'keyword', key: 'q', placeholder: '用户名或姓名', width: 200 },
            { kind: 'tree', key: 'dept', placeholder: '科室（含下级）', width: 220, options: props.departments },
            { kind: 'select', key: 'status', placeholder: '状态', width: 120, options: USER_STATUSES.map((s) => ({ label: USER_STATUS_LABELS[s], value: s })) },
          ],
        }}
        toolbar={props.canManage ? <NewUserButton /> : <span className="lr-muted">新账号由系统管理员建立；此处为其授予角色</span>}
        table={{ columns: columns(props.currentUserId, { manage: props.canManage, grant: props.canGrant }), rows: props.rows, rowKey: (r) => r.id, empty: '没有符合条件的用户', testId: 'users-table' }}
        paging={{ page: f.page, size: f.size, total: props.total, unit: '个' }}
      />
    </UsersDialogsProvider>
  );
}
