import { KitCard } from './card';
import './skeleton.css';

/**
 * What a page shows while the server renders it after a client navigation (the filter bar's
 * 查询, a menu click): the shell stays, the content area shows grey bars in TDesign's skeleton
 * look, announced to screen readers as loading.
 */
export function PageSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <KitCard testId="page-loading">
      <div role="status" aria-live="polite" aria-busy="true">
        <span className="lr-visually-hidden">正在加载…</span>
        <div className="lr-skeleton__row lr-skeleton__row--title" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`lr-skeleton__row${i % 3 === 2 ? ' lr-skeleton__row--short' : ''}`} />
        ))}
      </div>
    </KitCard>
  );
}
