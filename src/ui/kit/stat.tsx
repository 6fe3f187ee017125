import type { ReactNode } from 'react';

/**
 * A headline figure on an overview (TDesign's Statistic look, on the server): a title, the value
 * with its unit, and a secondary line. The value is text, so decimals and separators stay as given.
 */
export function KitStat(props: { title: string; value: ReactNode; unit?: string; note?: ReactNode; testId?: string }) {
  return (
    <div className="lr-stat" data-testid={props.testId}>
      <div className="lr-stat__title">{props.title}</div>
      <div className="lr-stat__value">
        {props.value}
        {props.unit && <span className="lr-stat__unit">{props.unit}</span>}
      </div>
      {props.note && <div className="lr-stat__note">{props.note}</div>}
    </div>
  );
}
