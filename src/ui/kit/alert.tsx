import type { ReactNode } from 'react';
// TDesign's Alert styles, loaded with the first page that shows one (the component's JS is not).
import 'tdesign-react/es/alert/style/index.css';

export type AlertTheme = 'info' | 'success' | 'warning' | 'error';

const MARKS: Record<AlertTheme, string> = { info: 'i', success: '✓', warning: '!', error: '!' };

/**
 * TDesign's Alert look on the server (notices on detail pages: a closed project, a superseded
 * plan version, a parcel's warnings). Its icon is a glyph in a circle drawn by CSS, not an SVG
 * per alert. Not closable: a notice that can be dismissed is an island.
 */
export function KitAlert(props: { theme?: AlertTheme; title?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  const theme = props.theme ?? 'info';
  return (
    <div className={`t-alert t-alert--${theme} lr-alert${props.className ? ` ${props.className}` : ''}`} role={theme === 'error' || theme === 'warning' ? 'alert' : 'status'} data-testid={props.testId}>
      <div className="t-alert__icon">
        <span className="lr-alert__mark" aria-hidden="true">
          {MARKS[theme]}
        </span>
      </div>
      <div className="t-alert__content">
        {props.title && <div className="t-alert__title">{props.title}</div>}
        <div className="t-alert__message">
          <div className="t-alert__description">{props.children}</div>
        </div>
      </div>
    </div>
  );
}
