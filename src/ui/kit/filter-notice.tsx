import { KitAlert } from './alert';

/** Shown above a list when some URL filters were malformed and ignored (see parseListFilter). */
export function FilterNotice(props: { notice: string | null }) {
  if (!props.notice) return null;
  return (
    <KitAlert theme="warning" testId="filter-notice">
      {props.notice}
    </KitAlert>
  );
}
