import type { ReactNode } from 'react';
import Link from 'next/link';
import { shellNavFor } from './shell/nav-cache';
import { ShellBreadcrumb } from './shell/shell-breadcrumb';
import { ShellMenu } from './shell/shell-menu';
import { SignOutButton } from './shell/sign-out-button';
import { Watermark } from './watermark';

export interface ShellUser {
  displayName: string;
  username: string;
  roleNames: string;
  departmentName: string | null;
  permissions: ReadonlySet<string>;
}

/**
 * The app shell, drawn by the server in TDesign's look (t-layout, t-menu, t-breadcrumb, t-tag,
 * t-button classes and tokens). Islands only where something moves: the menu (active item from
 * the pathname, groups opening and closing), the breadcrumbs (from the pathname) and 退出.
 * The menu tree is filtered once per permission set (shell/nav-cache.ts) and its markup written
 * once per set (shell/menu-markup.ts).
 */
export function AppShell({ user, today, children }: { user: ShellUser; today: string; children: ReactNode }) {
  const shell = shellNavFor(user.permissions);
  return (
    <div className="t-layout t-layout--with-sider lr-shell">
      <aside className="t-layout__sider lr-shell__sider">
        <div className="t-default-menu lr-shell__menu">
          <div className="t-default-menu__inner">
            <div className="t-menu__logo">
              <Link href="/workbench" className="lr-shell__logo">
                土地储备管理系统
              </Link>
            </div>
            <ShellMenu setKey={shell.key} menu={shell.menu} />
          </div>
        </div>
      </aside>
      <div className="t-layout lr-shell__main">
        <header className="t-layout__header lr-shell__header lr-no-print">
          <ShellBreadcrumb setKey={shell.key} menu={shell.menu} />
          <div className="lr-shell__user" data-testid="current-user">
            <span>{user.displayName}</span>
            <div className="t-tag t-tag--primary t-tag--light">
              <span title={user.roleNames || '未分配角色'}>{user.roleNames || '未分配角色'}</span>
            </div>
            {user.departmentName && <span className="lr-muted">{user.departmentName}</span>}
            <SignOutButton />
          </div>
        </header>
        <main className="t-layout__content lr-shell__content">{children}</main>
      </div>
      <Watermark text={`${user.displayName} ${user.username} ${today}`} />
    </div>
  );
}
