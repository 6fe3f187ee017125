import type { DepartmentNodeView } from '../view';

/**
 * The organisation tree, rendered on the server: each department a link selecting it (its details
 * open on the right), with the users of it and its sub-departments in brackets.
 */
export function DepartmentTree(props: { tree: DepartmentNodeView[]; selectedId: string | null }) {
  return (
    <nav data-testid="org-tree" aria-label="组织机构">
      <Nodes nodes={props.tree} selectedId={props.selectedId} />
    </nav>
  );
}

function Nodes({ nodes, selectedId }: { nodes: DepartmentNodeView[]; selectedId: string | null }) {
  return (
    <ul className="lr-org-tree">
      {nodes.map((n) => (
        <li key={n.value}>
          <a
            className={`lr-org-tree__node${n.value === selectedId ? ' lr-org-tree__node--active' : ''}`}
            href={`/admin/org?id=${encodeURIComponent(n.value)}`}
            aria-current={n.value === selectedId ? 'page' : undefined}
          >
            {n.label}
            <span className="lr-muted lr-gap" title="含下级科室的用户数">
              ({n.totalUserCount})
            </span>
          </a>
          {n.children && n.children.length > 0 && <Nodes nodes={n.children} selectedId={selectedId} />}
        </li>
      ))}
    </ul>
  );
}
