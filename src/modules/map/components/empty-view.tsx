'use client';
import { useEffect, useState } from 'react';
import { Button } from 'tdesign-react';
import { filterLine, type FilterNames } from '../filter-summary';
import { mapFilterQuery, type BBox, type MapFilters } from '../validation';
import { fetchJson } from './fetch-json';

/**
 * Said over the map when its view holds no parcel the filters keep: which filters are active,
 * and the ways out (clear them, or go to the parcels they keep, if any).
 */
export function EmptyView(props: { filters: MapFilters; names: FilterNames; onClear: () => void; onZoom: (extent: BBox) => void }) {
  const query = mapFilterQuery(props.filters);
  const [found, setFound] = useState<{ query: string; extent: BBox | null } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void fetchJson<{ extent: BBox | null }>(`/api/map/extent${query ? `?${query}` : ''}`, controller.signal).then((r) => {
      if (!controller.signal.aborted && r.ok) setFound({ query, extent: r.data.extent });
    });
    return () => controller.abort();
  }, [query]);
  const known = found?.query === query ? found : null;
  const line = filterLine(props.filters, props.names);
  const nowhere = known !== null && known.extent === null;
  return (
    <div className="lr-map-empty" role="status" data-testid="map-empty">
      <div className="lr-map-empty__title">{line ? '当前视图内没有符合筛选条件的地块' : '当前视图内没有地块'}</div>
      {line && <div className="lr-map-empty__filters">{line}</div>}
      {nowhere && <div className="lr-map-empty__note">{line ? '没有任何地块符合当前筛选条件。' : '还没有登记边界的地块。'}</div>}
      <div className="lr-map-empty__actions">
        {line && (
          <Button size="small" variant="outline" onClick={props.onClear}>
            清除筛选
          </Button>
        )}
        {!nowhere && (
          <Button size="small" theme="primary" loading={!known} disabled={!known} onClick={() => known?.extent && props.onZoom(known.extent)}>
            {line ? '缩放到符合条件的地块' : '缩放到全部地块'}
          </Button>
        )}
      </div>
    </div>
  );
}
