'use client';
import { useEffect, useState } from 'react';
import { Loading, Tree } from 'tdesign-react';
import type { DepartmentNodeView } from '../view';

/**
 * The organisation tree. tdesign's Tree fills itself from a setTimeout after its first render;
 * during (time-sliced) hydration that timer can fire before the component has committed and
 * the update is dropped, leaving an empty tree. So it is only rendered once mounted.
 */
export function DepartmentTree(props: { tree: DepartmentNodeView[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <Loading size="small" text="正在加载科室…" />;
  return (
    <div data-testid="org-tree">
      <Tree
        data={props.tree}
        expandAll
        activable
        hover
        actived={props.selectedId ? [props.selectedId] : []}
        onActive={(value) => {
          const id = value[0];
          if (typeof id === 'string' && id !== props.selectedId) props.onSelect(id);
        }}
        label={(node) => {
          const data = node.data as DepartmentNodeView;
          return (
            <span>
              {data.label}
              <span className="lr-muted" style={{ marginLeft: 6 }} title="含下级科室的用户数">
                ({data.totalUserCount})
              </span>
            </span>
          );
        }}
      />
    </div>
  );
}
