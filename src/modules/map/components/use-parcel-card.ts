'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ParcelCard } from '../queries';
import { fetchJson } from './fetch-json';

/** The selected parcel and its card: open (fetch, newest request wins) and close. */
export function useParcelCard() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** The selection as the map's handlers read it between renders. */
  const selectedRef = useRef<string | null>(null);
  const [card, setCard] = useState<ParcelCard | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const open = useCallback(async (id: string) => {
    selectedRef.current = id;
    setSelectedId(id);
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setLoading(true);
    setError(null);
    const result = await fetchJson<ParcelCard>(`/api/map/parcels/${encodeURIComponent(id)}`, controller.signal);
    if (controller.signal.aborted) return;
    setLoading(false);
    if (result.ok) setCard(result.data);
    else {
      setCard(null);
      setError(result.error);
    }
  }, []);

  const close = useCallback(() => {
    abort.current?.abort();
    selectedRef.current = null;
    setSelectedId(null);
    setCard(null);
    setError(null);
    setLoading(false);
  }, []);

  // A request still under way when the map goes away is dropped.
  useEffect(() => () => abort.current?.abort(), []);

  return { selectedId, selectedRef, card, loading, error, open, close };
}
