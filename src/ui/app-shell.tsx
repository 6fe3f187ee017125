'use client';
import { useMemo, type ReactNode } from 'react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Breadcrumb, Button, Layout, Menu, Tag } from 'tdesign-react';
import { Icon } from './icon';
import { breadcrumbFor, type NavItem } from './navigation';
import { Watermark } from './watermark';

export interface ShellUser {
  displayName: string;
  username: string;
  roleNames: string;
  departmentName: string | null;
}

export function AppShell({ nav, user, today, children }: { nav: NavItem[]; user: ShellUser; today: string; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const trail = useMemo(() => breadcrumbFor(nav, pathname), [nav, pathname]);
  const active = trail.at(-1)?.key;
  const expanded = trail.length > 1 ? [trail[0].key] : nav.filter((n) => n.children).map((n) => n.key);

  const renderItems = (items: NavItem[]): ReactNode =>
    items.map((item) =>
      item.children ? (
        <Menu.SubMenu key={item.key} value={item.key} title={item.title} icon={item.icon ? <Icon name={item.icon} /> : undefined}>
          {renderItems(item.children)}
        </Menu.SubMenu>
      ) : (
        <Menu.MenuItem
          key={item.key}
          value={item.key}
          icon={item.icon ? <Icon name={item.icon} /> : undefined}
          onClick={() => item.path && router.push(item.path)}
        >
          {item.title}
        </Menu.MenuItem>
      ),
    );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Aside width="232px" style={{ borderRight: '1px solid var(--td-component-stroke)' }}>
        <Menu
          value={active}
          defaultExpanded={expanded}
          style={{ height: '100%' }}
          logo={
            <Link href="/workbench" style={{ color: 'inherit', textDecoration: 'none', fontWeight: 600, fontSize: 15 }}>
              土地储备管理系统
            </Link>
          }
        >
          {renderItems(nav)}
        </Menu>
      </Layout.Aside>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          className="lr-no-print"
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 24px',
            borderBottom: '1px solid var(--td-component-stroke)',
            background: 'var(--td-bg-color-container)',
          }}
        >
          <Breadcrumb maxItemWidth="200px" separator={<Icon name="chevron-right" style={{ opacity: 0.5 }} />}>
            <Breadcrumb.BreadcrumbItem>
              <Link href="/workbench">首页</Link>
            </Breadcrumb.BreadcrumbItem>
            {trail
              .filter((t) => t.key !== 'workbench')
              .map((t) => (
                <Breadcrumb.BreadcrumbItem key={t.key}>{t.path ? <Link href={t.path}>{t.title}</Link> : t.title}</Breadcrumb.BreadcrumbItem>
              ))}
          </Breadcrumb>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12 }} data-testid="current-user">
            <span>{user.displayName}</span>
            <Tag theme="primary" variant="light">
              {user.roleNames || '未分配角色'}
            </Tag>
            {user.departmentName && <span className="lr-muted">{user.departmentName}</span>}
            <Button variant="text" icon={<Icon name="logout" />} onClick={async () => {
                await signOut({ redirect: false });
                router.replace('/login');
                router.refresh();
              }}>
              退出
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
      <Watermark text={`${user.displayName} ${user.username} ${today}`} />
    </Layout>
  );
}
