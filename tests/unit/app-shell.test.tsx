import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Menu } from 'tdesign-react';
import { filterNavigation, NAVIGATION, type NavItem } from '../../src/ui/navigation';
import { fillMenu, initialOpenGroups, menuStateFor, menuTemplate, routeFor, shellMarkupFor, shellRoutes } from '../../src/ui/shell/menu-markup';
import { shellNavFor } from '../../src/ui/shell/nav-cache';

const CLERK = new Set(['workbench:view', 'plan:view', 'project:view', 'parcel:view', 'fund:view', 'profile:password']);
const SYSADMIN = new Set(['workbench:view', 'org:manage', 'user:manage', 'setting:manage', 'profile:password']);

/** TDesign's own Menu for the same tree and state, as the shell drew it before it moved to the server. */
function tdesignMenu(nav: NavItem[], active: string | null, expanded: string[]): string {
  const items = (list: NavItem[]) =>
    list.map((item) =>
      item.children ? (
        <Menu.SubMenu key={item.key} value={item.key} title={item.title} icon={<i data-icon={item.icon} />}>
          {items(item.children)}
        </Menu.SubMenu>
      ) : (
        <Menu.MenuItem key={item.key} value={item.key} href={item.path} icon={<i data-icon={item.icon} />}>
          {item.title}
        </Menu.MenuItem>
      ),
    );
  const html = renderToStaticMarkup(
    <Menu value={active ?? undefined} defaultExpanded={expanded}>
      {items(nav)}
    </Menu>,
  );
  return /<ul class="t-menu t-menu--scroll">(.*)<\/ul><\/div><\/div>$/.exec(html)![1];
}

/** Ours with the sprite icons and the attributes only the island reads taken out. */
function normalise(html: string): string {
  return html
    .replace(/<svg class="t-icon t-icon-([a-z-]+)"[^>]*><use [^>]*><\/use><\/svg>/g, '<i data-icon="$1"></i>')
    .replace(/ data-[kg]="[^"]*"| role="button" tabindex="0" aria-expanded="(true|false)"/g, '')
    .replace(/<path([^>]*)\/>/g, '<path$1></path>')
    .replace(/<svg class="t-fake-arrow([^"]*)"/g, '<svg class="t-fake-arrow$1"')
    .replace(/ xmlns="http:\/\/www.w3.org\/2000\/svg"/g, '');
}

describe('app shell menu', () => {
  it.each([
    ['clerk on a list page', CLERK, '/parcels'],
    ['clerk on a detail page under a menu path', CLERK, '/funds/ledger/abc'],
    ['clerk on the workbench (all groups open)', CLERK, '/workbench'],
    ['sysadmin on a settings page', SYSADMIN, '/admin/settings'],
    ['anyone on a page outside the menu', SYSADMIN, '/nowhere'],
  ])('draws what TDesign Menu draws: %s', (_, permissions, pathname) => {
    const nav = filterNavigation(NAVIGATION, { permissions });
    const routes = shellRoutes(nav);
    const open = initialOpenGroups(routes, pathname);
    const state = menuStateFor(routes, pathname, open);
    const ours = fillMenu(menuTemplate(nav), state);
    expect(ours).not.toContain('{{');
    // target="_self" is what a link does anyway.
    const theirs = tdesignMenu(nav, state.active, [...open]).replace(/ xmlns="http:\/\/www.w3.org\/2000\/svg"| target="_self"/g, '');
    expect(normalise(ours)).toBe(theirs);
  });

  it('marks the page, its group and opens only that group', () => {
    const nav = filterNavigation(NAVIGATION, { permissions: CLERK });
    const routes = shellRoutes(nav);
    const html = fillMenu(menuTemplate(nav), menuStateFor(routes, '/parcels/p1/custody', initialOpenGroups(routes, '/parcels/p1/custody')));
    expect(html).toContain('t-submenu__item--icon t-is-active" data-k="parcels"');
    expect(html).toContain('<li class="t-submenu t-is-opened" data-g="implementation"><div class="t-menu__item t-is-opened t-is-active" role="button" tabindex="0" aria-expanded="true">');
    expect(html).toContain('<li class="t-submenu" data-g="funds">');
    // Four pages in 计划实施 (TDesign's 50 px each), 资金管理 closed.
    expect(html).toContain('max-height:200px;--padding-left:44px');
    expect(html.match(/max-height:0;/g)).toHaveLength(2);
    // Items are links (open in a new tab works), icons come from the sprite.
    expect(html).toContain('<a href="/parcels" class="t-menu__item-link"><span class="t-menu__content">地块</span></a>');
    expect(html).toContain('<use href="/icons.svg?v=');
    expect(html).not.toContain('stroke="currentColor"');
  });

  it('finds the page by the longest menu path', () => {
    const routes = shellRoutes(filterNavigation(NAVIGATION, { permissions: CLERK }));
    expect(routeFor(routes, '/funds')?.key).toBe('funds-overview');
    expect(routeFor(routes, '/funds/ledger/x/edit')?.key).toBe('ledger');
    expect(routeFor(routes, '/fundsx')).toBeNull();
    expect(routeFor(routes, '/profile/password')?.trail).toEqual([{ title: '个人设置' }, { title: '修改密码', path: '/profile/password' }]);
    expect(routeFor(routes, '/workbench')?.trail).toEqual([{ title: '工作台', path: '/workbench' }]);
  });

  it('is small: the menu of a clerk is a few KB', () => {
    const nav = filterNavigation(NAVIGATION, { permissions: CLERK });
    // 7.2 KB since 个人设置 gained 双因素认证 (issue 14).
    expect(menuTemplate(nav).length).toBeLessThan(7500);
  });
});

describe('shell cache', () => {
  it('builds the shell once per permission set, whatever the set object or order', () => {
    const a = shellNavFor(CLERK);
    expect(shellNavFor(CLERK)).toBe(a);
    expect(shellNavFor(new Set([...CLERK].reverse()))).toBe(a);
    const b = shellNavFor(SYSADMIN);
    expect(b).not.toBe(a);
    expect(b.nav.map((n) => n.key)).toEqual(['workbench', 'admin', 'profile']);
    expect(JSON.stringify(b.menu)).not.toMatch(/permission|description/);
    const ma = shellMarkupFor(a.key, a.menu);
    expect(shellMarkupFor(a.key, a.menu)).toBe(ma);
    expect(ma.template).not.toContain('系统管理');
    expect(shellMarkupFor(b.key, b.menu).template).toContain('系统管理');
  });
});
