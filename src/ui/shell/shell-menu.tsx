'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { applyMenuState, fillMenu, initialOpenGroups, menuStateFor, shellMarkupFor, type ShellNavItem } from './menu-markup';

/**
 * The menu's only script: marks the page's item from the pathname, opens and closes groups, and
 * turns item clicks into client-side navigation. The markup is written once per permission set
 * (`setKey`), first drawn with its slots filled for this pathname, then changed in place.
 */
export function ShellMenu({ setKey, menu }: { setKey: string; menu: ShellNavItem[] }) {
  const { template, routes } = shellMarkupFor(setKey, menu);
  const pathname = usePathname();
  const router = useRouter();
  const ref = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(() => initialOpenGroups(routes, pathname));
  // The first drawing only: later states are applied to the DOM, so React never rewrites the list.
  const [html] = useState(() => fillMenu(template, menuStateFor(routes, pathname, open)));

  // Arriving at a page of a closed group (from a link in a page) opens that group.
  const activeGroup = menuStateFor(routes, pathname, open).activeGroup;
  const [shownGroup, setShownGroup] = useState(activeGroup);
  if (activeGroup !== shownGroup) {
    setShownGroup(activeGroup);
    if (activeGroup && !open.has(activeGroup)) setOpen(new Set(open).add(activeGroup));
  }

  useEffect(() => {
    if (ref.current) applyMenuState(ref.current, menuStateFor(routes, pathname, open));
  }, [routes, pathname, open]);

  const toggle = (group: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(group)) next.add(group);
      return next;
    });

  const onClick = (e: MouseEvent<HTMLUListElement>) => {
    const target = e.target as Element;
    const link = target.closest('a[href]');
    if (link) {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab, new window: the browser's
      e.preventDefault();
      router.push(link.getAttribute('href')!);
      return;
    }
    const title = target.closest('li[data-g] > .t-menu__item');
    if (title) toggle((title.parentElement as HTMLElement).dataset.g!);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const title = (e.target as Element).closest('li[data-g] > .t-menu__item');
    if (title && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      toggle((title.parentElement as HTMLElement).dataset.g!);
    }
  };

  return <ul ref={ref} className="t-menu t-menu--scroll" onClick={onClick} onKeyDown={onKeyDown} dangerouslySetInnerHTML={{ __html: html }} />;
}
