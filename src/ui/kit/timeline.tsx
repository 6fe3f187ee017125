import type { CSSProperties, ReactNode } from 'react';
// TDesign's Timeline styles, loaded with the first page that shows one (the component's JS is not).
import 'tdesign-react/es/timeline/style/index.css';

export interface TimelineEntry {
  key: string;
  /** Beside the dot (a date). */
  label?: ReactNode;
  /** The dot's colour (a CSS colour); TDesign's primary blue when absent. */
  color?: string;
  content: ReactNode;
  testId?: string;
}

/** TDesign's label column (the dots sit 100 px from the left): enough for a date. */
const TDESIGN_LABEL_COLUMN = 100;

/**
 * The label column a timeline needs: text labels longer than a date (a date and time) widen it,
 * so the label never runs under the dot. ~8 px a character at 14 px (digits, dashes, colons).
 */
export function labelColumnWidth(items: readonly TimelineEntry[]): number {
  const longest = Math.max(0, ...items.map((i) => (typeof i.label === 'string' ? i.label.length : 0)));
  return Math.max(TDESIGN_LABEL_COLUMN, longest * 8 + 16);
}

/**
 * TDesign's vertical Timeline on the server, labels on the left (a parcel's events): the same
 * markup and classes as the client component, without its JS.
 */
export function KitTimeline(props: { items: readonly TimelineEntry[]; testId?: string }) {
  const labelled = props.items.some((i) => i.label !== undefined);
  const last = props.items.length - 1;
  const labelWidth = labelColumnWidth(props.items);
  const wide = labelWidth > TDESIGN_LABEL_COLUMN;
  return (
    <ul
      className={`t-timeline t-timeline-left t-timeline-vertical${labelled ? ' t-timeline-label' : ''} t-timeline-label--alternate${wide ? ' lr-timeline-wide' : ''}`}
      style={wide ? ({ '--lr-timeline-label': `${labelWidth}px` } as CSSProperties) : undefined}
      data-testid={props.testId}
    >
      {props.items.map((item, i) => (
        <li key={item.key} className={`t-timeline-item t-timeline-item-left${i === last ? ' t-timeline-item--last' : ''}`} data-testid={item.testId}>
          {item.label !== undefined && <div className="t-timeline-item__label t-timeline-item__label--alternate">{item.label}</div>}
          <div className="t-timeline-item__wrapper">
            <div className={`t-timeline-item__dot${item.color ? '' : ' t-timeline-item__dot--primary'}`} style={item.color ? { borderColor: item.color } : undefined} />
            <div className="t-timeline-item__tail t-timeline-item__tail--theme-default" />
          </div>
          <div className="t-timeline-item__content">{item.content}</div>
        </li>
      ))}
    </ul>
  );
}
