/** Plain, serialisable shapes the org page passes to its client island. */

export interface DepartmentView {
  id: string;
  parentId: string | null;
  name: string;
  code: string | null;
  sortOrder: number;
  isDemo: boolean;
  /** Users directly in this department. */
  userCount: number;
  /** Users in this department and all departments below it. */
  totalUserCount: number;
  childCount: number;
  /** Names from the top-level department down to this one. */
  path: string[];
  createdAt: string;
  updatedAt: string;
}

/** tdesign Tree / TreeSelect option. */
export interface DepartmentNodeView {
  value: string;
  label: string;
  userCount: number;
  totalUserCount: number;
  children?: DepartmentNodeView[];
  disabled?: boolean;
}

export interface DepartmentMemberView {
  id: string;
  username: string;
  displayName: string;
  status: 'active' | 'disabled';
}

export interface OrgOverview {
  departments: DepartmentView[];
  tree: DepartmentNodeView[];
  selected: DepartmentView | null;
  members: DepartmentMemberView[];
}
