import { KitCard } from '@/ui/kit/card';
import type { Column } from '@/ui/kit/columns';
import { DataTable } from '@/ui/kit/data-table';
import { DescList } from '@/ui/kit/desc-list';
import { KitTag } from '@/ui/kit/tag';
import type { DepartmentMemberView, OrgOverview } from '../view';
import { DepartmentActions } from './department-actions';
import { DepartmentTree } from './department-tree';
import './org.css';

const MEMBER_COLUMNS: Column<DepartmentMemberView>[] = [
  { key: 'username', title: '用户名', kind: 'code', width: 160, value: (m) => m.username, href: (m) => `/admin/users?q=${encodeURIComponent(m.username)}` },
  { key: 'displayName', title: '姓名', kind: 'name', value: (m) => m.displayName },
  {
    key: 'status',
    title: '状态',
    kind: 'tag',
    width: 100,
    render: (m) => (m.status === 'active' ? <KitTag theme="success">正常</KitTag> : <KitTag>已停用</KitTag>),
  },
];

/** 组织机构: the tree (links) and the selected department's details and users, rendered on the server; the operations are an island. */
export function OrgView({ overview }: { overview: OrgOverview }) {
  const selected = overview.selected;
  return (
    <div className="lr-org">
      <KitCard title="组织机构" actions={<DepartmentActions tree={overview.tree} selected={null} />}>
        {overview.tree.length === 0 ? (
          <div className="lr-muted">还没有任何科室，请先新建顶级科室（如本中心）。</div>
        ) : (
          <DepartmentTree tree={overview.tree} selectedId={selected?.id ?? null} />
        )}
      </KitCard>
      <KitCard title={selected ? selected.name : '科室详情'} actions={selected && <DepartmentActions tree={overview.tree} selected={selected} />}>
        {selected ? (
          <div className="lr-stack">
            <DescList
              testId="department-details"
              column={2}
              items={[
                { label: '科室名称', content: selected.name },
                { label: '科室编码', content: selected.code ?? '（未设置）' },
                { label: '所属路径', content: selected.path.join(' / '), span: 2 },
                { label: '本科室用户数', content: String(selected.userCount) },
                { label: '含下级科室用户数', content: String(selected.totalUserCount) },
                { label: '下级科室数', content: String(selected.childCount) },
                { label: '排序号', content: String(selected.sortOrder) },
                { label: '创建时间', content: selected.createdAt },
                { label: '更新时间', content: selected.updatedAt },
              ]}
            />
            <div>
              <div style={{ fontWeight: 600, marginBottom: 8 }}>本科室用户（{selected.userCount}）</div>
              <DataTable<DepartmentMemberView> columns={MEMBER_COLUMNS} rows={overview.members} rowKey={(m) => m.id} empty="本科室暂无用户" testId="department-members" />
              {overview.members.length < selected.userCount && (
                <div className="lr-muted" style={{ marginTop: 8 }}>
                  仅显示前 {overview.members.length} 名用户，完整名单请到「用户管理」按科室查询。
                </div>
              )}
            </div>
          </div>
        ) : (
          <div className="lr-muted">请在左侧选择一个科室。</div>
        )}
      </KitCard>
    </div>
  );
}
