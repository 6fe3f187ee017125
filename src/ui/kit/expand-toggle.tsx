/**
 * The toggle of a row's details (`DataTable`'s `expandedRow`): a check box styled as TDesign's
 * expand arrow; ticking it shows the next row (CSS `:has`), so a server-rendered table expands
 * without client JS.
 */
export function ExpandToggle({ label = '展开明细' }: { label?: string }) {
  return (
    <label className="t-table__expand-box lr-expand" title={label}>
      <input type="checkbox" className="lr-expand__input" aria-label={label} />
      <span className="lr-expand__icon" aria-hidden="true" />
    </label>
  );
}
