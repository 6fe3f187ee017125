import type { ReactNode } from 'react';
import 'tdesign-react/es/alert/style/index.css';

/** TDesign's Alert look on the server (a notice above a form or a card), no client JS. */
export function KitAlert(props: { theme?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; testId?: string; className?: string }) {
  return (
    <div className={`t-alert t-alert--${props.theme ?? 'info'}${props.className ? ` ${props.className}` : ''}`} role="alert" data-testid={props.testId}>
      <div className="t-alert__content">
        <div className="t-alert__message">{props.children}</div>
      </div>
    </div>
  );
}
