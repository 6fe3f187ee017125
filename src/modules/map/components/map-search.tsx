'use client';
import { useEffect, useRef, useState } from 'react';
import { Input } from 'tdesign-react';
import { SearchIcon } from 'tdesign-icons-react';
import { STAGE_COLORS } from '../tiles/colors';
import type { SearchHit } from '../queries';
import { SEARCH_MAX_LENGTH } from '../validation';
import { fetchJson } from './fetch-json';

/**
 * Search by parcel code or name on the server (top 10) as the user types; choosing a hit (click,
 * or Enter for the highlighted one) hands it to `onPick`, which flies the map there.
 */
export function MapSearch(props: { onPick: (hit: SearchHit) => void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      abort.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    abort.current?.abort();
    if (!q.trim()) {
      setHits([]);
      setMessage(null);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      abort.current = controller;
      const result = await fetchJson<{ hits: SearchHit[] }>(`/api/map/search?q=${encodeURIComponent(q.trim())}`, controller.signal);
      if (controller.signal.aborted) return;
      if (!result.ok) {
        setHits([]);
        setMessage(result.error);
      } else {
        setHits(result.data.hits);
        setActive(0);
        setMessage(result.data.hits.length ? null : '没有找到匹配的地块');
      }
      setOpen(true);
    }, 250);
  };

  const pick = (hit: SearchHit) => {
    if (!hit.bbox) {
      setMessage(`地块 ${hit.code} 没有边界，无法在地图上定位`);
      return;
    }
    setOpen(false);
    setText(`${hit.code} ${hit.name}`);
    props.onPick(hit);
  };

  return (
    <div className="lr-map-search" data-testid="map-search">
      <Input
        value={text}
        placeholder="搜索地块编号或名称"
        maxlength={SEARCH_MAX_LENGTH}
        prefixIcon={<SearchIcon />}
        clearable
        aria-label="搜索地块"
        onChange={(v) => {
          setText(String(v));
          search(String(v));
        }}
        onFocus={() => (hits.length || message) && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeydown={(_v, { e }) => {
          if (!open || !hits.length) return;
          if (e.key === 'ArrowDown') setActive((a) => (a + 1) % hits.length);
          else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + hits.length) % hits.length);
          else if (e.key === 'Escape') setOpen(false);
        }}
        onEnter={() => {
          if (hits[active]) pick(hits[active]);
        }}
      />
      {open && (hits.length > 0 || message) && (
        <ul className="lr-map-search__results" role="listbox" aria-label="搜索结果">
          {hits.map((h, i) => (
            <li
              key={h.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(h)}
            >
              <span className="lr-map-swatch" style={{ background: STAGE_COLORS[h.stage] }} aria-hidden />
              <span className="lr-map-search__code">{h.code}</span>
              <span className="lr-map-search__name">{h.name}</span>
              <span className="lr-muted">{h.bbox ? h.stage : '无边界'}</span>
            </li>
          ))}
          {message && <li className="lr-muted lr-map-search__message">{message}</li>}
        </ul>
      )}
    </div>
  );
}
