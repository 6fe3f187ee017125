/** The one permission test used by pages, actions and route handlers. */
export interface PermissionHolder {
  permissions: ReadonlySet<string>;
}

export function hasPermission(holder: PermissionHolder | null | undefined, code: string): boolean {
  return !!holder && holder.permissions.has(code);
}

export function hasAnyPermission(holder: PermissionHolder | null | undefined, codes: readonly string[]): boolean {
  return !!holder && codes.some((c) => holder.permissions.has(c));
}
