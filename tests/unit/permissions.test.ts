import { describe, expect, it } from 'vitest';
import { hasAnyPermission, hasPermission } from '../../src/platform/permissions/check';
import { BUILTIN_ROLES, PERMISSIONS, permissionFitsRole, roleCombinationProblem, type TPermissionKind } from '../../src/platform/permissions/catalog';
import { breadcrumbFor, filterNavigation, flattenNavigation, NAVIGATION } from '../../src/ui/navigation';

const holder = (...codes: string[]) => ({ permissions: new Set(codes) });

describe('hasPermission', () => {
  it('grants only held codes', () => {
    expect(hasPermission(holder('user:manage'), 'user:manage')).toBe(true);
    expect(hasPermission(holder('user:manage'), 'role:manage')).toBe(false);
    expect(hasPermission(null, 'user:manage')).toBe(false);
    expect(hasAnyPermission(holder('a'), ['b', 'a'])).toBe(true);
    expect(hasAnyPermission(holder('a'), [])).toBe(false);
  });
});

describe('三员分立', () => {
  const sys = { name: '系统管理员', kind: 'sys' };
  const sec = { name: '安全管理员', kind: 'sec' };
  const aud = { name: '审计管理员', kind: 'audit' };
  const clerk = { name: '经办', kind: 'business' };
  const chief = { name: '科室负责人', kind: 'business' };
  it.each([
    [[sys], null],
    [[clerk, chief], null],
    [[], null],
    [[sys, sec], '三员分立：同一用户不能同时担任系统管理员、安全管理员'],
    [[sec, aud], '三员分立：同一用户不能同时担任安全管理员、审计管理员'],
    [[aud, clerk], '三员分立：审计管理员不能同时担任业务角色'],
  ])('%j → %s', (roles, expected) => {
    expect(roleCombinationProblem(roles)).toBe(expected);
  });

  it.each<[TPermissionKind, 'sys' | 'sec' | 'audit' | 'business', boolean]>([
    ['common', 'sys', true],
    ['common', 'business', true],
    ['sys', 'sys', true],
    ['audit', 'business', false],
    ['sec', 'sys', false],
    ['business', 'audit', false],
  ])('permission kind %s fits role kind %s: %s', (p, r, ok) => {
    expect(permissionFitsRole(p, r)).toBe(ok);
  });

  it('gives every built-in role only permissions that fit it, and administrators no business permission', () => {
    for (const role of BUILTIN_ROLES) {
      for (const code of role.permissions) expect(permissionFitsRole(PERMISSIONS[code].kind, role.kind)).toBe(true);
    }
    const admin = BUILTIN_ROLES.filter((r) => r.kind !== 'business');
    expect(admin.map((r) => r.name)).toEqual(['系统管理员', '安全管理员', '审计管理员']);
  });
});

describe('navigation', () => {
  it('shows each administrator only their own pages', () => {
    const keys = (codes: string[]) => flattenNavigation(filterNavigation(NAVIGATION, holder(...codes))).map((n) => n.key);
    expect(keys(['workbench:view', 'user:manage', 'org:manage'])).toEqual(['workbench', 'org', 'users']);
    expect(keys(['workbench:view', 'role:manage'])).toEqual(['workbench', 'roles']);
    expect(keys(['workbench:view', 'audit:view'])).toEqual(['workbench', 'audit']);
    expect(keys(['workbench:view'])).toEqual(['workbench']);
    expect(filterNavigation(NAVIGATION, holder('workbench:view')).some((n) => n.key === 'admin')).toBe(false);
  });

  it('builds breadcrumbs from the longest matching path', () => {
    expect(breadcrumbFor(NAVIGATION, '/admin/users').map((n) => n.title)).toEqual(['系统管理', '用户管理']);
    expect(breadcrumbFor(NAVIGATION, '/admin/users/abc').map((n) => n.title)).toEqual(['系统管理', '用户管理']);
    expect(breadcrumbFor(NAVIGATION, '/nowhere')).toEqual([]);
  });
});
