import { listHref, pagerPages, PAGE_SIZES, type QueryState } from './query';

/**
 * The pager of a server-rendered list in TDesign's look: total, page size, pages and a jump box,
 * all plain links and a GET form — no client JS.
 */
export function Pagination(props: { path: string; state: QueryState; page: number; size: number; total: number; unit?: string }) {
  const last = Math.max(1, Math.ceil(props.total / props.size));
  const current = Math.min(Math.max(1, props.page), last);
  const href = (page: number, size = props.size) => listHref(props.path, { ...props.state, page, size });
  const hidden = Object.entries({ ...props.state, page: undefined }).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false);
  return (
    <nav className="t-pagination lr-pagination" aria-label="分页" data-testid="list-pagination">
      <div className="t-pagination__total">
        共 {props.total} {props.unit ?? '条'}
      </div>
      <div className="lr-pagination__sizes">
        {PAGE_SIZES.map((s) =>
          s === props.size ? (
            <span key={s} className="lr-pagination__size lr-pagination__size--current" aria-current="true">
              {s} 条/页
            </span>
          ) : (
            <a key={s} className="lr-pagination__size" href={href(1, s)}>
              {s} 条/页
            </a>
          ),
        )}
      </div>
      {current > 1 ? (
        <a className="t-pagination__btn t-pagination__btn-prev" href={href(current - 1)} aria-label="上一页">
          ‹
        </a>
      ) : (
        <span className="t-pagination__btn t-pagination__btn-prev t-is-disabled">‹</span>
      )}
      <ul className="t-pagination__pager">
        {pagerPages(current, last).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="t-pagination__number t-pagination__number--more">
              …
            </li>
          ) : p === current ? (
            <li key={p} className="t-pagination__number t-is-current" aria-current="page">
              {p}
            </li>
          ) : (
            <li key={p} className="t-pagination__number">
              <a href={href(p)}>{p}</a>
            </li>
          ),
        )}
      </ul>
      {current < last ? (
        <a className="t-pagination__btn t-pagination__btn-next" href={href(current + 1)} aria-label="下一页">
          ›
        </a>
      ) : (
        <span className="t-pagination__btn t-pagination__btn-next t-is-disabled">›</span>
      )}
      {last > 1 && (
        <form className="t-pagination__jump" method="get" action={props.path}>
          {hidden.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={String(v)} />
          ))}
          跳至
          <input className="t-input__inner lr-pagination__input" name="page" type="number" min={1} max={last} defaultValue={current} aria-label="页码" />/ {last} 页
        </form>
      )}
    </nav>
  );
}
