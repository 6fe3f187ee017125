/**
 * A reference to a record (audit log, to-dos): its code and name, linking to the record. A record
 * that no longer exists shows the id it was stored with and a muted 已删除; a record the page
 * cannot name shows its stored id as it is.
 */
export interface ObjectRefView {
  id: string;
  code?: string;
  name?: string;
  href?: string;
  /** The id resolved to nothing: the record was deleted. */
  deleted?: boolean;
}

export function objectRefText(ref: ObjectRefView): string {
  if (ref.deleted) return `${ref.id}（已删除）`;
  if (ref.name === undefined) return ref.id;
  return ref.code ? `${ref.code} ${ref.name}` : ref.name;
}

export function ObjectRef({ value: ref, testId }: { value: ObjectRefView; testId?: string }) {
  if (ref.deleted) {
    return (
      <span className="lr-ref" title={objectRefText(ref)} data-testid={testId}>
        <span className="lr-num">{ref.id}</span>
        <span className="lr-muted lr-gap">已删除</span>
      </span>
    );
  }
  if (ref.name === undefined) {
    return (
      <span className="lr-ref lr-num" title={ref.id} data-testid={testId}>
        {ref.id}
      </span>
    );
  }
  const content = (
    <>
      {ref.code && <span className="lr-ref__code">{ref.code}</span>}
      {ref.name}
    </>
  );
  return ref.href ? (
    <a className="lr-link lr-ref" href={ref.href} title={objectRefText(ref)} data-testid={testId}>
      {content}
    </a>
  ) : (
    <span className="lr-ref" title={objectRefText(ref)} data-testid={testId}>
      {content}
    </span>
  );
}
