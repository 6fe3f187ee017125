'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { PARCEL_TABS } from './parcel-tabs';

/** The section tabs under a parcel's header: the one island of the header (it marks the page shown). */
export function ParcelTabBar({ id }: { id: string }) {
  const pathname = usePathname();
  const base = `/parcels/${id}`;
  return (
    <nav aria-label="地块栏目" className="lr-tabs">
      {PARCEL_TABS.map((t) => {
        const href = t.segment ? `${base}/${t.segment}` : base;
        const active = t.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
        return (
          <Link key={t.segment || 'overview'} href={href} aria-current={active ? 'page' : undefined} className={`lr-tabs__tab${active ? ' lr-tabs__tab--active' : ''}`}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
