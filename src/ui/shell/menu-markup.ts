import { iconMarkup } from '../icon';
import type { NavItem } from '../navigation';

/**
 * The side menu as TDesign's Menu draws it (t-menu, t-submenu, t-menu__item…), written once per
 * permission set as an HTML template whose state (active item, opened groups) is left as slots;
 * the menu island fills them from the pathname (src/ui/shell/shell-menu.tsx). The islands get the
 * small menu tree, not the markup, and build the template once per set (`shellMarkupFor`), on the
 * server and in the browser alike.
 *
 * Slots: {{a:KEY}} class of an active item, {{o:KEY}} class of an opened group, {{h:KEY}} class of
 * a group holding the active item, {{f:KEY}} class of an opened group's arrow, {{m:KEY:N}} its
 * list's max-height (N items of TDesign's 50 px when opened, else 0), {{x:KEY}} its aria-expanded.
 */

/** A page of the menu: what the breadcrumbs and the active item are found from. */
export interface ShellRoute {
  path: string;
  key: string;
  /** Titles from the top group down to the page; the groups have no path. */
  trail: { title: string; path?: string }[];
  group: string | null;
}

export interface MenuState {
  active: string | null;
  activeGroup: string | null;
  open: ReadonlySet<string>;
}

/** TDesign's MENU_ITEM_HEIGHT: an opened group's list may grow to this many px per item. */
const ITEM_HEIGHT = 50;
/** TDesign's --padding-left for the items of a first-level group. */
const GROUP_PADDING = 44;

/** The arrow TDesign's Menu draws in each group title (its path is animated by TDesign's CSS). */
const FAKE_ARROW_PATH = 'M3.75 5.7998L7.99274 10.0425L12.2361 5.79921';

export function shellRoutes(nav: ShellNavItem[]): ShellRoute[] {
  const routes: ShellRoute[] = [];
  for (const item of nav) {
    if (item.children) {
      for (const child of item.children) {
        if (child.children) throw new Error(`菜单只支持两级：${item.title} / ${child.title}`);
        if (child.path) routes.push({ path: child.path, key: child.key, group: item.key, trail: [{ title: item.title }, { title: child.title, path: child.path }] });
      }
    } else if (item.path) {
      routes.push({ path: item.path, key: item.key, group: null, trail: [{ title: item.title, path: item.path }] });
    }
  }
  return routes;
}

/** The page a pathname belongs to: the longest menu path it equals or lies under. */
export function routeFor(routes: readonly ShellRoute[], pathname: string): ShellRoute | null {
  let best: ShellRoute | null = null;
  for (const r of routes) {
    if ((pathname === r.path || pathname.startsWith(`${r.path}/`)) && (!best || r.path.length > best.path.length)) best = r;
  }
  return best;
}

/** Groups opened when the shell first shows a pathname: the page's own group, or all of them (as before). */
export function initialOpenGroups(routes: readonly ShellRoute[], pathname: string): Set<string> {
  const route = routeFor(routes, pathname);
  if (route?.group) return new Set([route.group]);
  return new Set(routes.flatMap((r) => (r.group ? [r.group] : [])));
}

export function menuStateFor(routes: readonly ShellRoute[], pathname: string, open: ReadonlySet<string>): MenuState {
  const route = routeFor(routes, pathname);
  return { active: route?.key ?? null, activeGroup: route?.group ?? null, open };
}

/** The parts of a menu entry the shell draws. */
export type ShellNavItem = Pick<NavItem, 'key' | 'title' | 'path' | 'icon'> & { children?: ShellNavItem[] };

export interface ShellMarkup {
  template: string;
  routes: ShellRoute[];
}

const MAX_SETS = 200;
const markupCache = new Map<string, ShellMarkup>();

/** Template and routes of a menu tree, built once per `key` (the permission set the tree was filtered for). */
export function shellMarkupFor(key: string, nav: ShellNavItem[]): ShellMarkup {
  let markup = markupCache.get(key);
  if (!markup) {
    markup = { template: menuTemplate(nav), routes: shellRoutes(nav) };
    if (markupCache.size >= MAX_SETS) markupCache.clear();
    markupCache.set(key, markup);
  }
  return markup;
}

export function menuTemplate(nav: ShellNavItem[]): string {
  const leaf = (item: ShellNavItem, inGroup: boolean) => {
    const cls = inGroup ? 't-menu__item t-menu__item--plain t-submenu__item t-submenu__item--icon' : item.icon ? 't-menu__item' : 't-menu__item t-menu__item--plain';
    const icon = item.icon ? iconMarkup(item.icon) : '';
    const body = item.path
      ? `<a href="${esc(item.path)}" class="t-menu__item-link"><span class="t-menu__content">${esc(item.title)}</span></a>`
      : `<span class="t-menu__content">${esc(item.title)}</span>`;
    return `<li class="${cls}{{a:${item.key}}}" data-k="${esc(item.key)}">${icon}${body}</li>`;
  };
  return nav
    .map((item) => {
      if (!item.children) return leaf(item, false);
      const k = item.key;
      const n = item.children.length;
      return (
        `<li class="t-submenu{{o:${k}}}" data-g="${esc(k)}">` +
        `<div class="t-menu__item{{o:${k}}}{{h:${k}}}" role="button" tabindex="0" aria-expanded="{{x:${k}}}">${item.icon ? iconMarkup(item.icon) : ''}` +
        `<span class="t-menu__content">${esc(item.title)}</span>` +
        `<svg class="t-fake-arrow{{f:${k}}}" width="16" height="16" viewBox="0 0 16 16" fill="none"><path d="${FAKE_ARROW_PATH}" stroke="black" stroke-opacity="0.9" stroke-width="1.3"/></svg></div>` +
        `<ul style="max-height:{{m:${k}:${n}}};--padding-left:${GROUP_PADDING}px;overflow:hidden" class="t-menu__sub t-slide-down-enter-active">` +
        item.children.map((c) => leaf(c, true)).join('') +
        `</ul></li>`
      );
    })
    .join('');
}

/** The template with its slots filled for one state (the HTML the server sends and hydration keeps). */
export function fillMenu(template: string, state: MenuState): string {
  return template.replace(/\{\{([aohfxm]):([^:}]+)(?::(\d+))?\}\}/g, (_, slot: string, key: string, count?: string) => {
    const opened = state.open.has(key);
    switch (slot) {
      case 'a':
        return key === state.active ? ' t-is-active' : '';
      case 'o':
        return opened ? ' t-is-opened' : '';
      case 'h':
        return key === state.activeGroup ? ' t-is-active' : '';
      case 'f':
        return opened ? ' t-fake-arrow--active' : '';
      case 'x':
        return opened ? 'true' : 'false';
      default:
        return opened ? `${Number(count) * ITEM_HEIGHT}px` : '0';
    }
  });
}

/** The same state applied to the menu in the page, in place, so TDesign's transitions run. */
export function applyMenuState(root: HTMLElement, state: MenuState): void {
  for (const li of root.querySelectorAll<HTMLElement>('li[data-k]')) li.classList.toggle('t-is-active', li.dataset.k === state.active);
  for (const li of root.querySelectorAll<HTMLElement>('li[data-g]')) {
    const key = li.dataset.g!;
    const opened = state.open.has(key);
    const title = li.firstElementChild as HTMLElement;
    const list = li.querySelector<HTMLElement>('ul.t-menu__sub');
    li.classList.toggle('t-is-opened', opened);
    title.classList.toggle('t-is-opened', opened);
    title.classList.toggle('t-is-active', key === state.activeGroup);
    title.setAttribute('aria-expanded', String(opened));
    title.querySelector('.t-fake-arrow')?.classList.toggle('t-fake-arrow--active', opened);
    if (list) list.style.maxHeight = opened ? `${list.children.length * ITEM_HEIGHT}px` : '0px';
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
