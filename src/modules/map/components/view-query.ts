'use client';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ViewStatistics } from '../queries';
import { mapFilterQuery, type MapFilters } from '../validation';
import { fetchJson, type TFetchResult } from './fetch-json';

/** Count and area by stage of the parcels in the map's current view that the filters keep. */
export function fetchViewStats(map: MaplibreMap, filters: MapFilters, signal?: AbortSignal): Promise<TFetchResult<ViewStatistics>> {
  const b = map.getBounds();
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  const bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((v) => v.toFixed(6)).join(',');
  const filterQuery = mapFilterQuery(filters);
  return fetchJson<ViewStatistics>(`/api/map/stats?bbox=${bbox}${filterQuery ? `&${filterQuery}` : ''}`, signal);
}
