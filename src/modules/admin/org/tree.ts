/** Pure helpers for the organisation tree (no I/O): used by queries, mutations and the page. */

export interface DepartmentLike {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
}

export type DepartmentTreeNode<T extends DepartmentLike> = T & {
  children: DepartmentTreeNode<T>[];
  /** Users of this department and all of its descendants. */
  totalUserCount: number;
};

const nameCollator = new Intl.Collator('zh-CN');

/** Sibling order: sortOrder, then name. */
export function compareDepartments(a: DepartmentLike, b: DepartmentLike): number {
  return a.sortOrder - b.sortOrder || nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds the tree from parentId links. A department whose parent is missing is shown at the
 * top level rather than lost; a (corrupt) cycle is broken at the node first reached twice.
 */
export function buildDepartmentTree<T extends DepartmentLike & { userCount: number }>(rows: T[]): DepartmentTreeNode<T>[] {
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<string | null, T[]>();
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) && r.parentId !== r.id ? r.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(r);
    byParent.set(key, list);
  }
  const seen = new Set<string>();
  const build = (parentId: string | null): DepartmentTreeNode<T>[] =>
    (byParent.get(parentId) ?? [])
      .filter((r) => !seen.has(r.id))
      .sort(compareDepartments)
      .map((r) => {
        seen.add(r.id);
        const children = build(r.id);
        const totalUserCount = r.userCount + children.reduce((s, c) => s + c.totalUserCount, 0);
        return { ...r, children, totalUserCount };
      });
  return build(null);
}

/** Ids of every department below `id` (not including `id`). */
export function descendantIds(rows: Pick<DepartmentLike, 'id' | 'parentId'>[], id: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    const list = childrenOf.get(r.parentId) ?? [];
    list.push(r.id);
    childrenOf.set(r.parentId, list);
  }
  const out = new Set<string>();
  const stack = [...(childrenOf.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop() as string;
    if (out.has(next) || next === id) continue;
    out.add(next);
    stack.push(...(childrenOf.get(next) ?? []));
  }
  return out;
}

/** Whether moving `id` under `newParentId` would create a cycle. */
export function wouldCreateCycle(rows: Pick<DepartmentLike, 'id' | 'parentId'>[], id: string, newParentId: string | null): boolean {
  if (newParentId === null) return false;
  return newParentId === id || descendantIds(rows, id).has(newParentId);
}

/** Names from the root down to `id`, e.g. ['益阳市土地储备发展中心', '收储科']. */
export function pathNames(rows: Pick<DepartmentLike, 'id' | 'parentId' | 'name'>[], id: string): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: string[] = [];
  const seen = new Set<string>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}
