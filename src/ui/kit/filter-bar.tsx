'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button, DateRangePicker, Input, Select, TreeSelect } from 'tdesign-react';
import { listHref, listQueryString, type QueryState } from './query';

/** One filter of a list, declared by the page; its value travels in the URL under `key`. */
export type FilterDef =
  | { kind: 'keyword'; key: string; placeholder: string; width?: number }
  | {
      kind: 'select';
      key: string;
      placeholder: string;
      width?: number;
      options: { label: string; value: string | number }[];
      /** Type to narrow long option lists (projects …). */
      filterable?: boolean;
    }
  /** A tree of options (departments): choosing a node filters by it. */
  | { kind: 'tree'; key: string; placeholder: string; width?: number; options: TreeOption[] }
  /** A date range: its start under `key`, its end under `toKey` (YYYY-MM-DD). */
  | { kind: 'dateRange'; key: string; toKey: string; placeholder: [string, string]; width?: number };

export interface TreeOption {
  value: string;
  label: string;
  children?: TreeOption[];
}

type Value = string | number | undefined;

/**
 * The filter bar of a list page: the only client island of a plain list. 查询 (or Enter in the
 * keyword box) moves to the URL of the chosen filters, keeping the order and page size and
 * starting at page 1; 重置 clears them.
 */
export function FilterBar(props: { path: string; filters: FilterDef[]; values: Record<string, Value>; keep: QueryState }) {
  const router = useRouter();
  // While the next page renders on the server, 查询 shows it is working (a route-level loading.tsx
  // would stream every page and lose its 403/404 status).
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState<Record<string, Value>>(props.values);
  const set = (key: string, value: Value) => setDraft((d) => ({ ...d, [key]: value === '' || value === null ? undefined : value }));
  const search = () => startTransition(() => router.push(listHref(props.path, { ...props.keep, ...draft, page: 1 })));
  const reset = () => {
    setDraft({});
    startTransition(() => router.push(listHref(props.path, { size: props.keep.size })));
  };
  // A GET form: Enter in a keyword box searches even before the island has hydrated (the page
  // streams in first), carrying the other filters and the order as they are; once hydrated, the
  // submit is taken over by `search`.
  const keywords = new Set(props.filters.filter((f) => f.kind === 'keyword').map((f) => f.key));
  const carried = [...new URLSearchParams(listQueryString({ ...props.keep, ...Object.fromEntries(Object.entries(props.values).filter(([k]) => !keywords.has(k))) }))];
  return (
    <form
      action={props.path}
      method="get"
      style={{ display: 'contents' }}
      onSubmit={(e) => {
        e.preventDefault();
        search();
      }}
      onKeyDown={(e) => {
        // Enter searches from a keyword box only (in a select or a date it picks, as before).
        const t = e.target;
        if (e.key === 'Enter' && !(t instanceof HTMLInputElement && keywords.has(t.name))) e.preventDefault();
      }}
    >
      {carried.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.filters.map((f) =>
        f.kind === 'keyword' ? (
          <Input
            key={f.key}
            style={{ width: f.width ?? 220 }}
            placeholder={f.placeholder}
            name={f.key}
            value={String(draft[f.key] ?? '')}
            maxlength={64}
            clearable
            onChange={(v) => set(f.key, String(v))}
          />
        ) : f.kind === 'tree' ? (
          <TreeSelect
            key={f.key}
            style={{ width: f.width ?? 200 }}
            placeholder={f.placeholder}
            data={f.options}
            value={draft[f.key] as string | undefined}
            clearable
            filterable
            treeProps={{ expandAll: true }}
            onChange={(v) => set(f.key, typeof v === 'string' ? v : undefined)}
          />
        ) : f.kind === 'dateRange' ? (
          <DateRangePicker
            key={f.key}
            style={{ width: f.width ?? 260 }}
            placeholder={f.placeholder}
            value={draft[f.key] && draft[f.toKey] ? [String(draft[f.key]), String(draft[f.toKey])] : []}
            clearable
            onChange={(v) => {
              const [from, to] = ((v as string[] | undefined) ?? []).map(String);
              setDraft((d) => ({ ...d, [f.key]: from || undefined, [f.toKey]: to || undefined }));
            }}
          />
        ) : (
          <Select
            key={f.key}
            style={{ width: f.width ?? 130 }}
            placeholder={f.placeholder}
            value={draft[f.key]}
            clearable
            filterable={f.filterable}
            options={f.options}
            onChange={(v) => set(f.key, v as Value)}
          />
        ),
      )}
      <Button type="submit" loading={pending}>
        查询
      </Button>
      <Button variant="outline" onClick={reset} disabled={pending}>
        重置
      </Button>
    </form>
  );
}
