'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '../icon';
import { routeFor, shellMarkupFor, type ShellNavItem } from './menu-markup';

const HOME = { title: '首页', path: '/workbench' };

function Crumb({ title, path }: { title: string; path?: string }) {
  return (
    <div className="t-breadcrumb__item">
      <span className="t-breadcrumb--text-overflow">
        <span className="t-breadcrumb__inner" style={{ maxWidth: 200 }}>
          <span className="t-breadcrumb__inner-text">{path ? <Link href={path}>{title}</Link> : title}</span>
        </span>
      </span>
      <span className="t-breadcrumb__separator">
        <Icon name="chevron-right" style={{ opacity: 0.5 }} />
      </span>
    </div>
  );
}

/** TDesign's Breadcrumb look: 首页, then the page's group and page (from the pathname). */
export function ShellBreadcrumb({ setKey, menu }: { setKey: string; menu: ShellNavItem[] }) {
  const pathname = usePathname();
  const route = routeFor(shellMarkupFor(setKey, menu).routes, pathname);
  const trail = route && route.path !== HOME.path ? route.trail : [];
  return (
    <div className="t-breadcrumb">
      <Crumb {...HOME} />
      {trail.map((t, i) => (
        <Crumb key={i} title={t.title} path={t.path} />
      ))}
    </div>
  );
}
