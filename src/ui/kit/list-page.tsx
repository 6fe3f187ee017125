import type { ReactNode } from 'react';
import { KitCard } from './card';
import { DataTable, type DataTableProps } from './data-table';
import { FilterBar, type FilterDef } from './filter-bar';
import { Pagination } from './pagination';
import { listHref, sortHref, type QueryState } from './query';

/**
 * A list page, declared by its columns and filters: a card with the filter bar (the one client
 * island) and the toolbar actions, the server-rendered table, and the pager. The URL holds the
 * state: `filters` values, `sort`/`order`, `page`/`size`.
 */
export function ListPage<Row>(props: {
  title: string;
  path: string;
  /** 「共 300 宗地块」 beside the title. */
  totalText: string;
  testId?: string;
  filters?: { defs: FilterDef[]; values: Record<string, string | number | undefined> };
  /** A page's own filter island in place of the declared bar (dependent selects, check boxes); its values go in `filters.values`. */
  filterBar?: ReactNode;
  /** Buttons on the right of the filter bar (new, import, export) — links or islands. */
  toolbar?: ReactNode;
  /** Above the table (a notice, totals by unit). */
  before?: ReactNode;
  table: Omit<DataTableProps<Row>, 'sortLink' | 'sort'>;
  sort?: { key: string | null | undefined; order: 'asc' | 'desc' | null | undefined };
  paging: { page: number; size: number; total: number; unit?: string };
}) {
  const filterValues = props.filters?.values ?? {};
  // The URL state the links keep: filters, order and page size.
  const state: QueryState = { ...filterValues, sort: props.sort?.key ?? undefined, order: props.sort?.key ? (props.sort.order ?? undefined) : undefined, size: props.paging.size };
  return (
    <KitCard title={props.title} actions={<span className="lr-muted" data-testid={props.testId ? `${props.testId}-total` : undefined}>{props.totalText}</span>} testId={props.testId}>
      {(props.filters || props.filterBar || props.toolbar) && (
        <div className="lr-toolbar">
          {props.filterBar ?? (props.filters && <FilterBar path={props.path} filters={props.filters.defs} values={filterValues} keep={{ sort: state.sort, order: state.order, size: state.size }} />)}
          <div style={{ flex: 1 }} />
          {props.toolbar}
        </div>
      )}
      {props.before}
      <DataTable
        {...props.table}
        striped
        sort={props.sort}
        sortLink={(key) => sortHref(props.path, state, key, { sort: props.sort?.key, order: props.sort?.order })}
      />
      <Pagination path={props.path} state={state} page={props.paging.page} size={props.paging.size} total={props.paging.total} unit={props.paging.unit} />
    </KitCard>
  );
}

export { listHref };
